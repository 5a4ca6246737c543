using System.Diagnostics;
using System.Globalization;
using IiifHarvester;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Indexing;
using Microsoft.Data.Sqlite;

// Harvest benchmark (issue 4): harvests the generated demo institution over loopback and prints manifests/s beside
// the I/O floor — fetching the same URLs with the same concurrency and doing nothing else — and the peak memory.
// "The same concurrency" is the number of requests in flight to the institution: 16 on both sides (the source's
// MaxConcurrency paces the harvest; it keeps more manifests than that in flight so those 16 stay busy).
// Usage: dotnet run -c Release --project bench/IiifHarvester.Bench.Harvest -- [--quick] [--sizes 10000,100000]
// Profiling aids: BENCH_REINDEX_LOOPS=N rebuilds the index N more times before the timed rebuild (for dotnet-trace);
// BENCH_INDEX_INTERVAL=hh:mm:ss overrides how often the index commits during the harvest (default 10 s; changes
// are applied to the writer every second between commits).
// BENCH_NICENESS=0 runs the harvest on the thread pool at normal priority, as before harvests yielded to searches;
// BENCH_IDLE_POLICY=0 keeps the lowered threads' nice value but not their SCHED_IDLE policy.
// --gc-stalls: how long a collection keeps a request waiting under each background policy, on a quiet machine and a
// busy one (GcStalls.cs); nothing is harvested.
if (await GcStalls.TryRunAsync(args))
{
    return;
}

var quick = args.Contains("--quick");
if (Environment.GetEnvironmentVariable("BENCH_NICENESS") is { } niceness)
{
    IiifHarvester.Indexing.Threading.BackgroundPriority.Niceness = int.Parse(niceness, CultureInfo.InvariantCulture);
}

if (Environment.GetEnvironmentVariable("BENCH_IDLE_POLICY") == "0")
{
    IiifHarvester.Indexing.Threading.BackgroundPriority.UseIdlePolicy = false;
}

var sizes = quick ? [1_000] : new[] { 10_000, 100_000 };
var sizesArg = Array.IndexOf(args, "--sizes");
if (sizesArg >= 0 && sizesArg + 1 < args.Length)
{
    sizes = args[sizesArg + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
}

const int Parallelism = 16;
Console.WriteLine($"harvest benchmark: {Environment.ProcessorCount} cores, parallelism {Parallelism}, {IiifHarvester.GarbageCollectionReport.Describe()}, harvest threads {(IiifHarvester.Indexing.Threading.BackgroundPriority.Niceness <= 0 ? "unlowered (thread pool)" : IiifHarvester.Indexing.Threading.BackgroundPriority.UseIdlePolicy ? "under SCHED_IDLE" : $"at nice {IiifHarvester.Indexing.Threading.BackgroundPriority.Niceness}")}");
Console.WriteLine("manifests\tdocuments\tfloor docs/s\tfloor manifests/s\tharvest manifests/s\tharvest/floor time\tpeak working set MB\tindex annotations");
// Warm-up: one harvest (and floor) first, in the cold process, printed as "(cold)"; the rows after it are measured
// on jitted, tier-1 code on both sides, so neither pays for compiling the code paths it is first to use (a long-
// running harvester pays that once). BENCH_WARMUP=N sets its size (default: the smallest size, at most 10,000).
var warmup = Environment.GetEnvironmentVariable("BENCH_WARMUP") is { } w ? int.Parse(w, CultureInfo.InvariantCulture) : Math.Min(10_000, sizes.Min());
foreach (var (size, cold) in sizes.Select(s => (s, false)).Prepend((warmup, true)))
{
    await using var demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = size, CanvasesPerManifest = 4, LinesPerCanvas = 6, ActivitiesPerPage = 1000 });
    var institution = demo.Institution;
    var data = Path.Combine(Path.GetTempPath(), $"iiifh-bench-harvest-{Guid.NewGuid():N}");
    try
    {
        var settings = new Dictionary<string, string?>
        {
            ["Harvesting:Schedule"] = "false",
            ["Harvesting:Parallelism"] = (Parallelism * 4).ToString(CultureInfo.InvariantCulture),
            ["Harvesting:ProgressInterval"] = "00:00:30",
            ["Harvesting:IndexInterval"] = Environment.GetEnvironmentVariable("BENCH_INDEX_INTERVAL") ?? "00:00:10",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Sources:demo:Streams:0"] = institution.StreamUri,
            ["Sources:demo:AllowPrivateNetworks"] = "true",
            ["Sources:demo:RequestsPerSecond"] = "100000",
            ["Sources:demo:MaxConcurrency"] = Parallelism.ToString(CultureInfo.InvariantCulture),
        };
        var app = HarvesterApp.CreateBuilder([$"--Data:Directory={data}"], settings).Build();
        await using (app)
        {
            // The I/O floor: the same URLs (stream, pages, manifests, annotation lists) through the same fetcher and
            // politeness, at the same concurrency, and nothing else.
            var fetcher = app.Services.GetRequiredService<IIiifFetcher>();
            var policy = new FetchPolicy { SourceKey = "floor", AllowPrivateNetworks = true, RequestsPerSecond = 100_000, MaxConcurrency = Parallelism };
            var urls = new List<string> { institution.StreamUri };
            var pages = (institution.Activities.Count + institution.Options.ActivitiesPerPage - 1) / institution.Options.ActivitiesPerPage;
            urls.AddRange(Enumerable.Range(0, pages).Select(p => $"{institution.BaseUri}/activity/page/{p}"));
            foreach (var i in institution.LiveManifests())
            {
                urls.Add(institution.ManifestUri(i));
                urls.AddRange(Enumerable.Range(0, institution.Options.CanvasesPerManifest).Select(c => institution.AnnotationsUri(i, c)));
            }

            var floorCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var floorAlloc0 = GC.GetTotalAllocatedBytes();
            var floor = Stopwatch.StartNew();
            await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (url, ct) =>
            {
                var result = await fetcher.FetchAsync(new FetchRequest(new Uri(url), policy), ct);
                if (result.Status != FetchStatus.Ok)
                {
                    throw new InvalidOperationException($"{url}: {result.Status} {result.Error}");
                }
            });
            floor.Stop();
            var floorCpu = Process.GetCurrentProcess().TotalProcessorTime - floorCpu0;
            Console.WriteLine($"floor GC: {(GC.GetTotalAllocatedBytes() - floorAlloc0) / (1024 * 1024)} MB allocated");

            var source = app.Services.GetRequiredService<SourceCatalog>().Find("demo")!;
            GC.Collect();
            var harvestCpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var (alloc0, pause0, gen0, gen2) = (GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(), GC.CollectionCount(0), GC.CollectionCount(2));
            if (!cold && Environment.GetEnvironmentVariable("BENCH_MARK") is not null)
            {
                // For a profiler attached from outside (perf record -p): the timed harvest starts now.
                Console.WriteLine($"harvest starting in process {Environment.ProcessId}");
            }

            var harvest = Stopwatch.StartNew();
            var result = await app.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(source, default);
            harvest.Stop();
            var harvestCpu = Process.GetCurrentProcess().TotalProcessorTime - harvestCpu0;
            Console.WriteLine($"harvest GC: {(GC.GetTotalAllocatedBytes() - alloc0) / (1024 * 1024)} MB allocated, {GC.CollectionCount(0) - gen0} gen0 / {GC.CollectionCount(2) - gen2} gen2 collections, {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:F1}s paused");

            if (result.Counts.Failed > 0)
            {
                Console.Error.WriteLine($"{result.Counts.Failed} failed: {string.Join("; ", result.Errors.Take(3))}");
            }

            for (var loop = int.Parse(Environment.GetEnvironmentVariable("BENCH_REINDEX_LOOPS") ?? "0", CultureInfo.InvariantCulture); loop > 0; loop--)
            {
                await app.Services.GetRequiredService<IiifHarvester.Harvesting.Indexing.IndexFeeder>().ReindexAsync(default);
            }

            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var reindex = Stopwatch.StartNew();
            await app.Services.GetRequiredService<IiifHarvester.Harvesting.Indexing.IndexFeeder>().ReindexAsync(default);
            var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine($"floor {floor.Elapsed.TotalSeconds:F1}s (cpu {floorCpu.TotalSeconds:F1}s), harvest {harvest.Elapsed.TotalSeconds:F1}s (cpu {harvestCpu.TotalSeconds:F1}s), reindex alone {reindex.Elapsed.TotalSeconds:F1}s (cpu {(cpu1 - cpu0).TotalSeconds:F1}s)");
            var live = institution.LiveManifests().Count();
            var stats = app.Services.GetRequiredService<ISearchIndex>().GetStatistics();
            Console.WriteLine(string.Join('\t',
                cold ? $"{size} (cold)" : size.ToString(CultureInfo.InvariantCulture),
                urls.Count,
                (urls.Count / floor.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture),
                (live / floor.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture),
                (live / harvest.Elapsed.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture),
                (harvest.Elapsed.TotalSeconds / floor.Elapsed.TotalSeconds).ToString("F2", CultureInfo.InvariantCulture) + "x",
                (Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)).ToString(CultureInfo.InvariantCulture),
                stats.Annotations));
        }
    }
    finally
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
