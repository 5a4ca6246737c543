using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Bench.Parse;

/// <summary>
/// Parses the whole shared corpus with <see cref="IiifParser"/> and with a bare <see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>
/// of the same bytes, interleaved round by round so machine noise hits both alike, and prints the median MB/s of
/// each and their ratio (target: at most 3).
/// </summary>
internal static class ParseBenchmark
{
    public static int Run(string[] args)
    {
        var quick = args.Contains("--quick");
        var rounds = quick ? 5 : 21;
        var minRoundTime = TimeSpan.FromMilliseconds(quick ? 150 : 600);
        var corpus = FindCorpus();
        var files = Directory.EnumerateFiles(corpus, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}invalid{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(File.ReadAllBytes)
            .Select(b => b.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? b[3..] : b)
            .ToArray();
        var bytes = files.Sum(f => (long)f.Length);
        Console.WriteLine($"corpus: {corpus}");
        Console.WriteLine($"files: {files.Length}, {bytes / 1024.0 / 1024.0:F2} MiB; rounds: {rounds}{(quick ? " (--quick)" : string.Empty)}");

        var accepted = 0;
        long annotations = 0;
        foreach (var f in files)
        {
            var outcome = IiifParser.Parse(f);
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

        var bare = new List<double>();
        var iiif = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            bare.Add(Measure(files, bytes, minRoundTime, Bare));
            iiif.Add(Measure(files, bytes, minRoundTime, Iiif));
        }

        var bareMedian = Median(bare);
        var iiifMedian = Median(iiif);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"System.Text.Json JsonDocument.Parse: {bareMedian,8:F1} MB/s (median of {rounds})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IiifParser.Parse:                    {iiifMedian,8:F1} MB/s (median of {rounds})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (bare / IiifParser): {bareMedian / iiifMedian:F2}  (target <= 3)"));
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
        foreach (var f in files)
        {
            n += IiifParser.Parse(f).IsSuccess ? 1 : 0;
        }

        return n;
    }

    /// <summary>MB/s (10^6 bytes) of whole corpus passes repeated for at least <paramref name="minTime"/>.</summary>
    private static double Measure(byte[][] files, long bytes, TimeSpan minTime, Func<byte[][], int> pass)
    {
        var passes = 0;
        var sw = Stopwatch.StartNew();
        do
        {
            pass(files);
            passes++;
        }
        while (sw.Elapsed < minTime);

        return bytes * (double)passes / 1e6 / sw.Elapsed.TotalSeconds;
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
