using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Bench.Parse;

/// <summary>
/// Parses the whole shared corpus with <see cref="IiifParser"/> and with a bare <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// of the same bytes, interleaved round by round so machine noise hits both alike, and prints the median MB/s of
/// each and their ratio (target: at most 3). Both read the bytes in place: IiifParser through its
/// <see cref="ReadOnlyMemory{T}"/> overload, as a caller holding the stored body can call it (the span overload adds
/// one copy).
/// </summary>
internal static class ParseBenchmark
{
    private static IiifParserOptions[] Options = [];

    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = quick ? 5 : 21;
        var minRoundTime = TimeSpan.FromMilliseconds(quick ? 150 : 600);
        var corpus = FindCorpus();
        var paths = Directory.EnumerateFiles(corpus, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

        // As the harvester calls it: with the URI each document was fetched from.
        Options = [.. paths.Select(p => new IiifParserOptions { DocumentUri = "https://corpus.example/" + Path.GetRelativePath(corpus, p).Replace('\\', '/') })];
        var files = paths
            .Select(File.ReadAllBytes)
            .Select(b => b.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? b[3..] : b)
            .ToArray();
        var bytes = files.Sum(f => (long)f.Length);
        Console.WriteLine($"corpus: {corpus}");
        Console.WriteLine($"files: {files.Length}, {bytes / 1024.0 / 1024.0:F2} MiB; rounds: {rounds}{(quick ? " (--quick)" : string.Empty)}");

        var accepted = 0;
        long annotations = 0;
        for (var i = 0; i < files.Length; i++)
        {
            var outcome = IiifParser.Parse(files[i].AsMemory(), Options[i]);
            accepted += outcome.IsSuccess ? 1 : 0;
            annotations += outcome.Document is IiifHarvester.Iiif.Model.PresentationResource p ? p.Annotations.Count + p.Canvases.Count : 0;
        }

        Console.WriteLine($"accepted: {accepted}/{files.Length} (canvases + annotations seen: {annotations})");

        // Warm-up: JIT tiering and caches for both paths.
        for (var i = 0; i < 3; i++)
        {
            Bare(files);
            Iiif(files);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"allocated per corpus pass: JsonDocument.Parse {Allocated(files, Bare) / 1e6:F1} MB, IiifParser.Parse {Allocated(files, Iiif) / 1e6:F1} MB"));

        // Rounds alternate which parser goes first, and each round's ratio is taken from two measurements made
        // back to back, so load from other processes on this shared machine falls on both sides of a ratio. Beside
        // wall-clock MB/s, MB per second of process CPU time (all threads, the GC's included) is printed: it does
        // not count the time this process waits for a core, which on a loaded 2-core machine dominates the noise.
        var bare = new List<double>();
        var iiif = new List<double>();
        var ratios = new List<double>();
        var bareCpu = new List<double>();
        var iiifCpu = new List<double>();
        var cpuRatios = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            (double Wall, double Cpu) b, p;
            if (round % 2 == 0)
            {
                b = Measure(files, bytes, minRoundTime, Bare);
                p = Measure(files, bytes, minRoundTime, Iiif);
            }
            else
            {
                p = Measure(files, bytes, minRoundTime, Iiif);
                b = Measure(files, bytes, minRoundTime, Bare);
            }

            bare.Add(b.Wall);
            iiif.Add(p.Wall);
            ratios.Add(b.Wall / p.Wall);
            bareCpu.Add(b.Cpu);
            iiifCpu.Add(p.Cpu);
            cpuRatios.Add(b.Cpu / p.Cpu);
        }

        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"System.Text.Json JsonDocument.Parse: {Median(bare),8:F1} MB/s wall (median of {rounds}; best {bare.Max():F1}); {Median(bareCpu),8:F1} MB per CPU-second"));
        Console.WriteLine(string.Create(inv, $"IiifParser.Parse:                    {Median(iiif),8:F1} MB/s wall (median of {rounds}; best {iiif.Max():F1}); {Median(iiifCpu),8:F1} MB per CPU-second"));
        Console.WriteLine(string.Create(inv,
            $"ratio (bare / IiifParser), wall: {Median(ratios):F2} median of per-round ratios (min {ratios.Min():F2}, max {ratios.Max():F2}); {bare.Max() / iiif.Max():F2} best vs best  (target <= 3)"));
        Console.WriteLine(string.Create(inv,
            $"ratio (bare / IiifParser), CPU:  {Median(cpuRatios):F2} median of per-round ratios (min {cpuRatios.Min():F2}, max {cpuRatios.Max():F2})  (target <= 3)"));
        return 0;
    }

    private static int Bare(byte[][] files)
    {
        var n = 0;
        foreach (var f in files)
        {
            using var doc = JsonDocument.Parse(f, new JsonDocumentOptions { MaxDepth = 128, AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            n += (int)doc.RootElement.ValueKind;
        }

        return n;
    }

    private static int Iiif(byte[][] files)
    {
        var n = 0;
        for (var i = 0; i < files.Length; i++)
        {
            n += IiifParser.Parse(files[i].AsMemory(), Options[i]).IsSuccess ? 1 : 0;
        }

        return n;
    }

    /// <summary>Bytes allocated on this thread by one pass over the corpus.</summary>
    private static long Allocated(byte[][] files, Func<byte[][], int> pass)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        pass(files);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    /// <summary>
    /// MB/s (10^6 bytes) of whole corpus passes repeated for at least <paramref name="minTime"/>: per wall-clock
    /// second, and per second of this process's CPU time.
    /// </summary>
    private static (double Wall, double Cpu) Measure(byte[][] files, long bytes, TimeSpan minTime, Func<byte[][], int> pass)
    {
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var passes = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            pass(files);
            passes++;
        }
        while (sw.Elapsed < minTime);

        var wall = sw.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var mb = bytes * (double)passes / 1e6;
        return (mb / wall, mb / cpu);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IiifHarvester.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
            }
        }

        throw new DirectoryNotFoundException("no IiifHarvester.sln above the benchmark; run it from the repository");
    }
}
