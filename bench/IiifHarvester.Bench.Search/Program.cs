using System.Diagnostics;
using System.Globalization;
using IiifHarvester;
using IiifHarvester.Bench.Search;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Primitives;
using System.Text.Json;

// Search benchmark (issue 14), every figure and target in one run:
//  1. an index of generated word-level OCR (1M annotations in 2,000 manifests, in ten collections under a top one)
//     and 98,000 more catalogue-only manifests (100,000 in all), served by the real host on loopback;
//  2. within-manifest, aggregate and collection-scope Content Search in-process and over HTTP, side by side,
//     sequential latency (with what its p99 is made of) and throughput at 4 concurrent (and wrk when installed),
//     beside the HTTP floor: the same answers' bytes served from memory through the same middleware and routing;
//     and, on Linux, the sequential latency of a client in a process of its own ("HTTP, separate client"), whose
//     continuations do not share the server's thread pool as the benchmark's own HttpClient's do;
//  3. the union catalog with its five facets counted over all 100,000 manifests, and the portal's search page
//     (HTML, 20 objects) for the same queries beside the catalog JSON;
//  4. the same Content Search queries again while a 100,000-manifest harvest of the demo institution (served by a
//     child process, as a remote one would be) writes to the same index (near-real-time refreshes every second,
//     commits every 10 s), beside the idle figures; then, while it runs, with the harvest held and running in ten
//     alternate rounds (the institution holds its manifest requests): the target asks both ratios to hold, and
//     each ratio of two p99s is printed with its 95% bootstrap interval (how far the sampling within a run moves it).
//   dotnet run -c Release --project bench/IiifHarvester.Bench.Search [-- --quick]
//   --quick: a smoke check at a tenth of the sizes and durations (figures not comparable with the targets).
//   --portal: the full-size index, then only the catalog JSON and the search page (a few minutes, not fifteen).
//   --only=aggregate,collection (any of within-manifest, aggregate, collection, catalog, and harvest): the full-size
//   index, then only those sets idle and their rows (no portal), and with "harvest" the same sets during the harvest:
//   for trying one change in minutes.
//   --profile-aggregate (or -within, -collection, -catalog) [--http | --json]: after building, only that query set,
//   in-process (or over HTTP, or in-process with its answer written), 5 s to warm and 20 s to run under dotnet-trace or
//   perf; --gap waits 1 ms between queries as the latency runs do.
//   --profile-harvest: after building, the harvest alone for 30 s, with what it allocated in the last 20 s by type and
//   the CPU its threads used, lowered and at normal priority (by thread name), with the thread pool's work items.
if (args is ["--serve-demo", var manifests, ..])
{
    return await DemoProcess.ServeAsync(int.Parse(manifests, CultureInfo.InvariantCulture));
}

if (args is ["--client", var baseAddress, ..])
{
    return await ClientProcess.ServeAsync(baseAddress);
}

var quick = args.Contains("--quick");
var portalOnly = args.Contains("--portal");
var onlySets = args.FirstOrDefault(a => a.StartsWith("--only=", StringComparison.Ordinal))?["--only=".Length..].Split(',');
var perManifest = SyntheticInstitution.CanvasesPerManifest * SyntheticInstitution.LinesPerCanvas;
var textManifests = (quick ? 100_000 : 1_000_000) / perManifest;
var catalogManifests = quick ? 10_000 : 100_000;
var harvestManifests = quick ? 5_000 : 100_000;
var latencyRequests = quick ? 300 : 2000;
var rounds = quick ? 2 : 5;
var loadDuration = TimeSpan.FromSeconds(quick ? 4 : 15);
var harvestLatencyRequests = quick ? 200 : 2000;
var harvestLoadDuration = TimeSpan.FromSeconds(quick ? 2 : 10);
const int Concurrency = 4;
const string ClientProcessMode = "HTTP, separate client";
string[] idleModes = ["in-process", "in-process + JSON", "HTTP", ClientProcessMode, "HTTP floor"];
const int PageSize = 250;
const double IssueAggregateThroughput = 32;

var data = Path.Combine(Path.GetTempPath(), "iiif-bench-search-" + Guid.NewGuid().ToString("N")[..8]);

// The institution the harvest reads runs in a process of its own, as a remote one would: what it allocates and
// the threads it keeps busy are not the search server's (it still shares the machine's two cores).
using var demo = DemoProcess.Start(harvestManifests);
var settings = new Dictionary<string, string?>
{
    ["Logging:LogLevel:Default"] = "Warning",
    ["Harvesting:Schedule"] = "false",
    ["Indexing:RamBufferMegabytes"] = "256",
    ["Sources:demo:Streams:0"] = demo.StreamUri,
    ["Sources:demo:AllowPrivateNetworks"] = "true",
    ["Sources:demo:RequestsPerSecond"] = "100000",
    // A source's default concurrency. At 16 the harvest was no faster on two cores, and its fetch completions came
    // in bursts that queued on the thread pool ahead of search requests (the HTTP tail's "way in").
    ["Sources:demo:MaxConcurrency"] = "4",
};
var builder = HarvesterApp.CreateBuilder([$"--Data:Directory={data}", "--urls=http://127.0.0.1:0"], settings);
var app = builder.Build();
app.Use(ServerClock.StampAsync);
app.MapEndpoints();

// The HTTP floor: the same answers' bytes (taken from the real endpoint before measuring), with the same media type,
// answered from memory through the same middleware and routing. What HTTP costs beyond it is the search and the
// JSON writing of our endpoint; what the floor itself costs no change to search can remove.
var floorBodies = new List<(byte[] Body, string ContentType)>();
app.MapGet("/__floor/{n:int}", (int n, HttpContext context) =>
{
    var (body, contentType) = floorBodies[n];
    context.Response.ContentType = contentType;
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
});
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
var targets = new List<(string Name, string Figure, bool Pass)>();

try
{
    var index = app.Services.GetRequiredService<ISearchIndex>();
    var search = app.Services.GetRequiredService<IContentSearch>();
    var institution = new SyntheticInstitution(vocabularySize: 8000);
    var urls = PublicUrls.For(address);

    Console.WriteLine($"IiifHarvester search benchmark ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, {GarbageCollectionReport.Describe()}, load average {LoadAverage()}");
    Console.WriteLine($"Building: {textManifests:N0} manifests x {perManifest} word-level OCR lines ({SyntheticInstitution.WordsPerLine} words each, 1 in 10 Japanese) in {SyntheticInstitution.Collections} collections, and {catalogManifests - textManifests:N0} catalogue-only manifests");
    var build = Stopwatch.StartNew();
    foreach (var collection in SyntheticInstitution.CollectionTree())
    {
        index.Upsert(collection);
    }

    Parallel.For(0, catalogManifests, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
        n => index.Upsert(n < textManifests ? institution.Manifest(n) : institution.CatalogManifest(n)));

    // Sequence 0: the store is empty, so the harvest's changes (from 1 on) are all applied after these.
    index.Commit(0);
    build.Stop();
    var statistics = index.GetStatistics();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Index build: {statistics.Manifests:N0} manifests, {statistics.Annotations:N0} annotations in {build.Elapsed.TotalSeconds:F1} s; " +
        $"{statistics.TextDocuments:N0} text documents, {statistics.Segments} segments, {statistics.SizeBytes / 1048576.0:F1} MiB on disk"));

    // The build's garbage is not the searches': a server that built its index in a harvest long ago starts them
    // from a settled heap, so one full, compacting collection here instead of one in the middle of a measurement.
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);

    // Query sets: within one (Latin-script) manifest, words of rank 20-400; across the aggregate and across a
    // collection (the top one, 2,000 manifests, or one of its ten, 200), rank 1000-4000.
    var random = new Random(7);
    var within = Enumerable.Range(0, 1000).Select(_ =>
    {
        int n;
        do
        {
            n = random.Next(textManifests);
        }
        while (n % 10 == 9);
        var uri = SyntheticInstitution.ManifestUri(n);
        return ContentQuery(ResourceKey.For(uri), new SearchScope(SearchScopeKind.Manifest, uri), institution.Vocabulary[random.Next(20, 400)], urls);
    }).ToArray();
    var aggregate = Enumerable.Range(0, 1000)
        .Select(_ => ContentQuery(PublicUrls.AllKey, SearchScope.All, institution.Vocabulary[random.Next(1000, 4000)], urls))
        .ToArray();
    var collections = Enumerable.Range(0, 1000).Select(i =>
    {
        var uri = i % 2 == 0 ? SyntheticInstitution.TopCollectionUri : SyntheticInstitution.CollectionUri(random.Next(SyntheticInstitution.Collections));
        return ContentQuery(ResourceKey.For(uri), new SearchScope(SearchScopeKind.Collection, uri), institution.Vocabulary[random.Next(1000, 4000)], urls);
    }).ToArray();
    var catalog = Enumerable.Range(0, 1000).Select(i => (i % 6) switch
    {
        0 => CatalogQuery(null, null, null),
        1 => CatalogQuery("volume", null, null),
        2 => CatalogQuery(institution.Vocabulary[random.Next(10, 200)], null, null),
        3 => CatalogQuery(null, "City Museum", null),
        4 => CatalogQuery(institution.Vocabulary[random.Next(10, 200)], null, "fr"),
        _ => CatalogQuery(institution.Vocabulary[random.Next(200, 2000)], null, null),
    }).ToArray();

    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri(address),
        Timeout = TimeSpan.FromSeconds(30),
    };
    // The body is read and dropped through a pooled buffer: the client runs in the server's process, and a byte array
    // per answer (hundreds of KiB across manifests, on the large object heap) would be garbage the server pays for.
    Func<BenchQuery, Task> http = q => DrainAsync(client, q.Url);
    var floorOf = new Dictionary<BenchQuery, int>(ReferenceEqualityComparer.Instance);
    Func<BenchQuery, Task> floor = q => DrainAsync(client, $"/__floor/{floorOf[q]}");
    // The same requests from a client in a process of its own (Linux), one at a time: the latency a viewer sees,
    // without the benchmark's own client queueing on the server's thread pool.
    using var clientProcess = ClientProcess.Supported ? ClientProcess.Start(address) : null;
    Func<BenchQuery, Task>[] remote = clientProcess is null ? [] : [clientProcess.RunAsync];
    Func<BenchQuery, Task> local = q =>
    {
        _ = q.InProcess(search);
        return Task.CompletedTask;
    };
    Func<BenchQuery, Task> localJson = q =>
    {
        _ = q.WithJson!(search);
        return Task.CompletedTask;
    };

    var profileSet = args.FirstOrDefault(a => a.StartsWith("--profile-", StringComparison.Ordinal))?["--profile-".Length..];
    if (profileSet is not null)
    {
        // For a profiler (dotnet-trace collect -p PID after "Index build"): one query set, in-process, or sequentially
        // over HTTP with --http, for 20 s after 5 s of warming.
        var profiledSet = profileSet switch
        {
            "within" => within,
            "collection" => collections,
            "catalog" => catalog,
            _ => aggregate,
        };
        var overHttp = args.Contains("--http");
        var withJson = !overHttp && args.Contains("--json") && profiledSet[0].WithJson is not null;
        var gap = args.Contains("--gap");
        using var allocations = new AllocationListener();
        if (profileSet == "harvest")
        {
            // What the harvest allocates: its garbage is what makes searches meet a GC while it runs.
            using var stop = new CancellationTokenSource();
            var harvesting = Task.Run(() => app.Services.GetRequiredService<ISourceHarvester>()
                .HarvestAsync(app.Services.GetRequiredService<SourceCatalog>().Find("demo")!, stop.Token));
            await Task.Delay(TimeSpan.FromSeconds(10));
            var (start, allocated0, gcs0) = (index.GetStatistics(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0));
            var (cpu0, workItems0) = (ThreadCpu.Take(), ThreadPool.CompletedWorkItemCount);
            allocations.Recording = true;
            await Task.Delay(TimeSpan.FromSeconds(20));
            allocations.Recording = false;
            var end = index.GetStatistics();
            var workItems = ThreadPool.CompletedWorkItemCount - workItems0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{ThreadCpu.Take().Since(cpu0, 20)}; {workItems:N0} thread-pool work items ({workItems / (double)Math.Max(1, end.Manifests - start.Manifests):F1} per manifest)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Profiled the harvest for 20 s (pid {Environment.ProcessId}): {end.Manifests - start.Manifests:N0} manifests, {end.Annotations - start.Annotations:N0} annotations, " +
                $"{(GC.GetTotalAllocatedBytes() - allocated0) / 1048576.0:N0} MiB allocated ({(GC.GetTotalAllocatedBytes() - allocated0) / 1024.0 / Math.Max(1, end.Manifests - start.Manifests):N0} KiB per manifest), {GC.CollectionCount(0) - gcs0} gen0 collections"));
            await stop.CancelAsync();
            try
            {
                await harvesting;
            }
            catch (OperationCanceledException)
            {
            }
        }

        for (var phase = profileSet == "harvest" ? 2 : 0; phase < 2; phase++)
        {
            allocations.Recording = phase == 1;
            var profiled = Stopwatch.StartNew();
            var count = 0;
            while (profiled.Elapsed < TimeSpan.FromSeconds(phase == 0 ? 5 : 20))
            {
                if (gap)
                {
                    await Task.Delay(1);
                }

                await (overHttp ? http : withJson ? localJson : local)(profiledSet[count++ % profiledSet.Length]);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(phase == 0 ? "Warmed" : "Profiled")}: {count} {profileSet} queries {(overHttp ? "over HTTP" : withJson ? "in-process, answers written" : "in-process")} in {profiled.Elapsed.TotalSeconds:F1} s (pid {Environment.ProcessId})"));
        }

        Console.WriteLine("Allocations sampled while profiling, by type:");
        foreach (var line in allocations.Top(40))
        {
            Console.WriteLine("  " + line);
        }

        Console.WriteLine("GC pauses while profiling (suspension to restart), by generation, reason and kind:");
        foreach (var line in allocations.Pauses())
        {
            Console.WriteLine("  " + line);
        }

        return 0;
    }

    var sets = new[] { ("within-manifest", within), ("aggregate", aggregate), ("collection", collections), ("catalog", catalog) };

    // Every collection's pause while each set is measured (its latency, its load and wrk's), by generation and
    // reason: what the p99 is made of when a GC is in it.
    using var pauses = new AllocationListener(allocations: false) { Recording = true };
    var pausesBySet = new List<(string Set, string Phase, string[] Lines)>();
    var idle = new Dictionary<(string Set, string Mode), Measurement>();
    var wrkFigures = new List<(string Set, double Throughput, double P50, double P99, long Errors)>();
    var generation = search.Generation;
    foreach (var (name, set) in sets.Where(s => onlySets is not null ? onlySets.Contains(s.Item1) : !portalOnly || s.Item1 == "catalog"))
    {
        var hits = set.Take(100).Average(q => q.InProcess(search));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {hits:F1} {(name == "catalog" ? "results" : "hits")} per query on average (page size {(name == "catalog" ? 20 : PageSize)})"));

        // Warm both paths, then measure them interleaved in rounds: sequential latency, then the same concurrency.
        await Runner.WarmAsync(set, TimeSpan.FromSeconds(2), local);
        await Runner.WarmAsync(set, TimeSpan.FromSeconds(2), http);
        await SetFloorAsync(client, set, floorBodies, floorOf);
        await Runner.WarmAsync(set, TimeSpan.FromSeconds(1), floor);
        var json = set[0].WithJson is not null;
        if (json)
        {
            await Runner.WarmAsync(set, TimeSpan.FromSeconds(1), localJson);
        }

        foreach (var mode in remote)
        {
            await Runner.WarmAsync(set, TimeSpan.FromSeconds(2), mode);
        }

        using var wrk = Wrk.TryCreate(address, set, Concurrency);
        var (measured, external) = await Runner.MeasureInterleavedAsync(
            set, latencyRequests, loadDuration, Concurrency, rounds, [.. json ? [local, http, floor, localJson] : new[] { local, http, floor }, .. remote],
            wrk is null ? [] : [wrk.RunAsync], sequentialOnly: remote.Length);
        idle[(name, "in-process")] = measured[0];
        idle[(name, "HTTP")] = measured[1];
        idle[(name, "HTTP floor")] = measured[2];
        if (json)
        {
            idle[(name, "in-process + JSON")] = measured[3];
        }

        if (remote.Length > 0)
        {
            idle[(name, ClientProcessMode)] = measured[^1];
        }

        pausesBySet.Add((name, "idle", pauses.Pauses().ToArray()));
        pauses.ResetPauses();
        if (wrk is not null)
        {
            wrkFigures.Add((name, external[0], wrk.P50, wrk.P99, wrk.Errors));
        }
    }

    if (onlySets is not null)
    {
        Console.WriteLine();
        foreach (var (name, _) in sets.Where(s => onlySets.Contains(s.Item1)))
        {
            foreach (var mode in idleModes.Where(m => idle.ContainsKey((name, m))))
            {
                Row(name, mode, "idle", idle[(name, mode)]);
            }

            Console.WriteLine($"{name}: {HttpRatio(idle, name)}");
        }

        if (onlySets.Contains("harvest"))
        {
            var (busy, sideBySide, summary) = await MeasureWhileHarvestingAsync(sets.Where(s => s.Item1 != "catalog" && onlySets.Contains(s.Item1)));
            foreach (var ((name, mode), figures) in busy)
            {
                Row(name, mode, "harvest", figures);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}, {mode}: {Phases(figures, idle[(name, mode)])}{Judged(mode)}"));
            }

            foreach (var ((name, mode), (held, running)) in sideBySide)
            {
                Row(name, mode, "held", held);
                Row(name, mode, "running", running);
                Console.WriteLine($"{name}, {mode}: {SideBySide(held, running)}{Judged(mode)}");
            }

            Console.WriteLine(summary);
            Console.WriteLine("GC pauses (suspension to restart) while each set was measured, by generation, reason and kind:");
            PrintPauses(pausesBySet);
        }

        Console.WriteLine($"Load average at end: {LoadAverage()}");
        return 0;
    }

    // The portal's search page (issue 13) for the same catalog queries, beside the catalog JSON, both over HTTP:
    // 20 objects as HTML with labels, snippets, facets and links, rendered by the server.
    Func<BenchQuery, Task> page = async q => _ = await client.GetByteArrayAsync("/search" + q.Url["/iiif/catalog".Length..]);
    await Runner.WarmAsync(catalog, TimeSpan.FromSeconds(2), page);
    var (pageMeasured, _) = await Runner.MeasureInterleavedAsync(catalog, latencyRequests, loadDuration, Concurrency, rounds, [http, page], []);
    var searchPage = pageMeasured[1];
    var catalogBeside = pageMeasured[0];
    if (portalOnly)
    {
        Console.WriteLine();
        Row("catalog", "HTTP, JSON (beside page)", "idle", catalogBeside);
        Row("search page", "HTTP, HTML /search", "idle", searchPage);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"search page: p50 {searchPage.P50:F2} ms, p99 {searchPage.P99:F2} ms over {statistics.Manifests:N0} manifests and {statistics.Annotations:N0} annotations " +
            $"({searchPage.P50 / catalogBeside.P50:F2}x the catalog JSON's p50 {catalogBeside.P50:F2} ms); target p50 < 30 ms: {(searchPage.P50 < 30 ? "PASS" : "FAIL")}. Load average at end: {LoadAverage()}"));
        return 0;
    }

    var readerReopened = search.Generation != generation;

    // The same Content Search sets while a harvest writes to this index.
    var (duringHarvest, sideBySideHarvest, harvestSummary) = await MeasureWhileHarvestingAsync(sets.Where(s => s.Item1 != "catalog"));

    Console.WriteLine();
    Console.WriteLine($"Sequential latency ({latencyRequests} requests per mode idle, {harvestLatencyRequests} during the harvest, 1 ms apart) and throughput ({Concurrency} concurrent), interleaved in {rounds} rounds:");
    Console.WriteLine($"{"query set",-16} {"mode",-24} {"phase",-8} {"p50 ms",8} {"p99 ms",8} {"req/s",8} {"failed",7}  p99 made of");
    foreach (var (name, _) in sets)
    {
        foreach (var mode in idleModes.Where(m => idle.ContainsKey((name, m))))
        {
            var label = mode switch { "HTTP" => "HTTP, in-process client", "HTTP floor" => "HTTP floor (same bytes)", _ => mode };
            Row(name, label, "idle", idle[(name, mode)]);
            if (duringHarvest.TryGetValue((name, mode), out var busy))
            {
                Row(name, label, "harvest", busy);
            }

            if (sideBySideHarvest.TryGetValue((name, mode), out var alternating))
            {
                Row(name, label, "held", alternating.Held);
                Row(name, label, "running", alternating.Running);
            }
        }
    }

    Row("catalog", "HTTP, JSON (beside page)", "idle", catalogBeside);
    Row("search page", "HTTP, HTML /search", "idle", searchPage);
    foreach (var (set, throughput, p50, p99, errors) in wrkFigures)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set,-16} {"HTTP (wrk, under load)",-24} {"idle",-8} {p50,8:F2} {p99,8:F2} {throughput,8:N0} {errors,7}"));
    }

    Console.WriteLine("GC pauses (suspension to restart) while each set was measured, by generation, reason and kind:");
    PrintPauses(pausesBySet);

    if (wrkFigures.Count == 0)
    {
        Console.WriteLine("(wrk not installed: HTTP load from the loopback HttpClient generator only; apt-get install -y wrk)");
    }

    Console.WriteLine($"Idle: the index reader was {(readerReopened ? "reopened" : "not reopened")} and nothing was merged (no writes). {harvestSummary}");

    // Not a target: the separate client shares this machine's two cores with the harvest, as a viewer on another
    // machine does not; beside the targets' client it shows whether the tail is the server's or the client's waking.
    foreach (var ((set, mode), busy) in duringHarvest.Where(f => f.Key.Mode == ClientProcessMode))
    {
        var (held, running) = sideBySideHarvest[(set, mode)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set}, {mode}: {Phases(busy, idle[(set, mode)])}; {SideBySide(held, running)}{Judged(mode)}"));
    }

    Console.WriteLine();
    foreach (var set in new[] { "aggregate", "collection" })
    {
        var inProcess = idle[(set, "in-process")];
        var overHttp = idle[(set, "HTTP")];
        Target($"{set}: in-process throughput >= 125 req/s (4x the issue's {IssueAggregateThroughput:N0})", $"{inProcess.Throughput:N0} req/s", inProcess.Throughput >= 125);
        Target($"{set}: in-process p50 < 8 ms", $"{inProcess.P50:F2} ms", inProcess.P50 < 8);
        Target($"{set}: HTTP within 1.3x of in-process (p50 and throughput)", HttpRatio(idle, set),
            overHttp.P50 <= 1.3 * inProcess.P50 && overHttp.Throughput * 1.3 >= inProcess.Throughput);
    }

    var withinHttp = idle[("within-manifest", "HTTP")];
    var withinFloor = idle[("within-manifest", "HTTP floor")];
    Target("within-manifest: HTTP p99 < 10 ms", $"{withinHttp.P99:F2} ms (without GC {withinHttp.P99WithoutGc:F2} ms; the HTTP floor's p99 {withinFloor.P99:F2} ms)", withinHttp.P99 < 10);
    foreach (var ((set, mode), busy) in duringHarvest.Where(f => f.Key.Mode != ClientProcessMode))
    {
        // Both ratios must hold: the phases' (the idle phase minutes before the harvest's, which the machine's drift
        // can tip either way) and the side-by-side one (held and running in alternate rounds, drift-free, but each
        // running round starts half a second after the harvest was released, not in its steady state).
        var quiet = idle[(set, mode)];
        var (held, running) = sideBySideHarvest[(set, mode)];
        Target($"{set}, {mode}: p99 during the harvest <= 3x idle, none failed",
            string.Create(CultureInfo.InvariantCulture,
                $"idle phase, minutes apart: {busy.P99:F2} / {quiet.P99:F2} ms = {busy.P99 / quiet.P99:F2}x{Interval(busy, quiet)}; {SideBySide(held, running)}{Judged(mode)}; {busy.Failures + held.Failures + running.Failures} failed"),
            busy.P99 <= 3 * quiet.P99 && running.P99 <= 3 * held.P99 && busy.Failures + held.Failures + running.Failures == 0);
    }

    var catalogLocal = idle[("catalog", "in-process")];
    var catalogHttp = idle[("catalog", "HTTP")];
    Target($"catalog, five facets over {statistics.Manifests:N0} manifests: p50 < 15 ms (in-process and HTTP)",
        $"{catalogLocal.P50:F2} / {catalogHttp.P50:F2} ms", catalogLocal.P50 < 15 && catalogHttp.P50 < 15);
    Target($"search page, 20 objects over {statistics.Manifests:N0} manifests and {statistics.Annotations:N0} annotations: p50 < 30 ms (HTTP round trip, so server time is less)",
        $"p50 {searchPage.P50:F2} ms, p99 {searchPage.P99:F2} ms; catalog JSON for the same queries p50 {catalogBeside.P50:F2} ms, p99 {catalogBeside.P99:F2} ms ({searchPage.P50 / catalogBeside.P50:F2}x)",
        searchPage.P50 < 30 && searchPage.Failures == 0);
    var everyMeasurement = idle.Values.Concat(duringHarvest.Values).Concat(sideBySideHarvest.Values.SelectMany(v => new[] { v.Held, v.Running })).ToList();
    Target("no request failed", $"{everyMeasurement.Sum(m => m.Failures)} failed", everyMeasurement.All(m => m.Failures == 0));

    Console.WriteLine("Targets:");
    foreach (var (name, figure, pass) in targets)
    {
        Console.WriteLine($"  {(pass ? "PASS" : "FAIL")}  {name}: {figure}");
    }

    Console.WriteLine($"{targets.Count(t => t.Pass)} of {targets.Count} targets met{(quick ? " (quick run: smaller sizes, figures not comparable with the targets)" : string.Empty)}. Load average at end: {LoadAverage()}");
    using (var self = Process.GetCurrentProcess())
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Memory: peak working set {self.PeakWorkingSet64 / 1048576.0:N0} MiB, managed heap now {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:N0} MiB, {GC.CollectionCount(0):N0} gen0 / {GC.CollectionCount(1):N0} gen1 / {GC.CollectionCount(2):N0} gen2 collections in the whole run"));
    }

    // Each of harvestSets again (in-process and over HTTP) while a harvest of the demo institution writes to the
    // index; with what the harvest wrote meanwhile.
    async Task<(Dictionary<(string Set, string Mode), Measurement> Figures, Dictionary<(string Set, string Mode), (Measurement Held, Measurement Running)> SideBySide, string Summary)> MeasureWhileHarvestingAsync(IEnumerable<(string Name, BenchQuery[] Set)> harvestSets)
    {
        Func<BenchQuery, Task>[] modes = [local, http, .. remote];
        string[] modeNames = ["in-process", "HTTP", .. remote.Select(_ => ClientProcessMode)];
        var source = app.Services.GetRequiredService<SourceCatalog>().Find("demo")!;
        using var stopHarvest = new CancellationTokenSource();
        var harvester = app.Services.GetRequiredService<ISourceHarvester>();
        var harvestClock = Stopwatch.StartNew();
        var harvest = Task.Run(() => harvester.HarvestAsync(source, stopHarvest.Token));
        await Task.Delay(TimeSpan.FromSeconds(quick ? 3 : 10));
        var before = index.GetStatistics();
        var figures = new Dictionary<(string Set, string Mode), Measurement>();
        foreach (var (name, set) in harvestSets)
        {
            pauses.ResetPauses();
            var (measured, _) = await Runner.MeasureInterleavedAsync(
                set, harvestLatencyRequests, harvestLoadDuration, Concurrency, rounds, modes, [], sequentialOnly: remote.Length);
            for (var m = 0; m < modes.Length; m++)
            {
                figures[(name, modeNames[m])] = measured[m];
            }

            pausesBySet.Add((name, "harvest", pauses.Pauses().ToArray()));
        }

        // Side by side: the same sets with the harvest held (the institution holds its manifest requests, so the
        // harvest stalls and takes no CPU) and running, alternating in ten rounds. The idle figures above were taken
        // minutes before the harvest's; on a shared machine that drifts, a ratio of these two does not.
        var sideBySide = new Dictionary<(string Set, string Mode), (Measurement Held, Measurement Running)>();
        var stillRunningBeforeSideBySide = !harvest.IsCompleted;
        foreach (var (name, set) in harvestSets)
        {
            var states = await Runner.MeasureAlternatingAsync(set, harvestLatencyRequests, quick ? 4 : 10, modes,
            [
                async _ =>
                {
                    demo.Hold();
                    // What the harvest had fetched is parsed, stored and indexed before the held figures start.
                    await Task.Delay(TimeSpan.FromSeconds(1));
                },
                async _ =>
                {
                    demo.Release();
                    await Task.Delay(TimeSpan.FromSeconds(0.5));
                },
            ]);
            for (var m = 0; m < modes.Length; m++)
            {
                sideBySide[(name, modeNames[m])] = (states[0][m], states[1][m]);
            }
        }

        var after = index.GetStatistics();
        var harvestStillRunning = !harvest.IsCompleted;
        await stopHarvest.CancelAsync();
        try
        {
            await harvest;
        }
        catch (OperationCanceledException)
        {
        }

        return (figures, sideBySide, string.Create(CultureInfo.InvariantCulture,
            $"Harvest: {after.Manifests - before.Manifests:N0} manifests ({after.Annotations - before.Annotations:N0} annotations) written during the {harvestClock.Elapsed.TotalSeconds:F0} s measured " +
            $"({(harvestStillRunning ? "the harvest was still running at the end and was stopped" : stillRunningBeforeSideBySide ? "the harvest ended during the side-by-side rounds, whose running figures are then partly idle" : "the harvest ended before the measurement did")}), segments {before.Segments} -> {after.Segments}; " +
            $"the harvest and Lucene's merges ran {(IiifHarvester.Indexing.Threading.BackgroundPriority.UseIdlePolicy ? "under SCHED_IDLE" : $"at nice {IiifHarvester.Indexing.Threading.BackgroundPriority.Niceness}")}, the institution (a remote server in life) at nice 19"));
    }
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    SqliteConnection.ClearAllPools();
    if (Directory.Exists(data))
    {
        Directory.Delete(data, recursive: true);
    }
}

return 0;

void Target(string name, string figure, bool pass) => targets.Add((name, figure, pass));

// HTTP against in-process, and what it is made of: the answer's JSON (written in-process into memory) and the HTTP
// floor (the same bytes served from memory), each as a share of the in-process p50; the rest is the endpoint.
static string HttpRatio(Dictionary<(string Set, string Mode), Measurement> idle, string set)
{
    var (inProcess, overHttp, floor) = (idle[(set, "in-process")], idle[(set, "HTTP")], idle[(set, "HTTP floor")]);
    var json = idle.TryGetValue((set, "in-process + JSON"), out var withJson)
        ? string.Create(CultureInfo.InvariantCulture, $"writing the JSON {(withJson.P50 - inProcess.P50) / inProcess.P50:F2}x (in-process + JSON p50 {withJson.P50:F2} ms, {withJson.Throughput:N0} req/s), ")
        : string.Empty;
    return string.Create(CultureInfo.InvariantCulture,
        $"p50 {overHttp.P50 / inProcess.P50:F2}x, throughput {inProcess.Throughput / overHttp.Throughput:F2}x; of the p50: {json}" +
        $"the HTTP floor (same bytes from memory) {floor.P50 / inProcess.P50:F2}x ({floor.P50:F2} ms), HTTP beyond the floor {(overHttp.P50 - floor.P50) / inProcess.P50:F2}x");
}

// The floor answers, for each query, the bytes our endpoint gave one of the set's first 50 queries.
static async Task SetFloorAsync(HttpClient client, BenchQuery[] set, List<(byte[] Body, string ContentType)> floorBodies, Dictionary<BenchQuery, int> floorOf)
{
    floorBodies.Clear();
    floorOf.Clear();
    for (var i = 0; i < Math.Min(50, set.Length); i++)
    {
        using var response = await client.GetAsync(set[i].Url);
        response.EnsureSuccessStatusCode();
        floorBodies.Add((await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType!.ToString()));
    }

    for (var i = 0; i < set.Length; i++)
    {
        floorOf[set[i]] = i % floorBodies.Count;
    }
}

static async Task DrainAsync(HttpClient client, string url)
{
    using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
    response.EnsureSuccessStatusCode();
    await using var body = await response.Content.ReadAsStreamAsync();
    await body.CopyToAsync(Stream.Null);
}

static void PrintPauses(List<(string Set, string Phase, string[] Lines)> pausesBySet)
{
    foreach (var (set, phase, lines) in pausesBySet)
    {
        Console.WriteLine($"  {set} ({phase}): {(lines.Length == 0 ? "none" : string.Join("; ", lines.Select(l => l.Trim())))}");
    }
}

static void Row(string set, string mode, string phase, Measurement m) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{set,-16} {mode,-24} {phase,-8} {m.P50,8:F2} {m.P99,8:F2} {(double.IsNaN(m.Throughput) ? "-" : m.Throughput.ToString("N0", CultureInfo.InvariantCulture)),8} {m.Failures,7}  {m.SlowWithGc:P0} of the slowest 1% saw a GC; p99 without GC {m.P99WithoutGc:F2} ms; " +
        $"{m.AllocatedKiBPerRequest:N0} KiB allocated per request, {m.GcsPerThousand:F0} GCs per 1000 requests pausing {m.MeanPauseMs:F1} ms on average") + Split(m));

// The p99 during the harvest phase over the idle phase's, taken minutes apart.
static string Phases(Measurement harvest, Measurement idle) => string.Create(CultureInfo.InvariantCulture,
    $"p99 during the harvest {harvest.P99:F2} / idle {idle.P99:F2} ms = {harvest.P99 / idle.P99:F2}x{Interval(harvest, idle)}");

// The p99 with the harvest running over the p99 with it held, from alternate rounds of one stretch.
static string SideBySide(Measurement held, Measurement running) => string.Create(CultureInfo.InvariantCulture,
    $"side by side, p99 with the harvest running {running.P99:F2} / held {held.P99:F2} ms = {running.P99 / held.P99:F2}x{Interval(running, held)}");

// Whether a mode's ratios during the harvest are judged: the separate client's are shown, not judged.
static string Judged(string mode) => mode == ClientProcessMode ? " (not a target)" : " (target <= 3x)";

// The 95% bootstrap interval of a ratio of two p99s: how far the sampling within a run moves it (not the drift between runs).
static string Interval(Measurement numerator, Measurement denominator)
{
    var (low, high) = Bootstrap.P99RatioInterval(numerator.Latencies, denominator.Latencies);
    return double.IsNaN(low) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $" (95% interval {low:F2}-{high:F2}x)");
}

// Over HTTP: where the time of the slowest 1% and of all requests went (medians).
static string Split(Measurement m) => m.SlowSplit is { } slow && m.AllSplit is { } all
    ? string.Create(CultureInfo.InvariantCulture,
        $"; in / server to first byte / out (medians, ms): slowest 1% {slow.In:F2} / {slow.Server:F2} / {slow.Out:F2}, all {all.In:F2} / {all.Server:F2} / {all.Out:F2}")
    : "";

// The machine is shared: the load average says how much else ran beside the benchmark.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static BenchQuery ContentQuery(string key, SearchScope scope, string word, PublicUrls urls)
{
    UserQuery.TryParse(word, 256, 16, out var parsed, out _);
    var request = new ContentSearchRequest { Scope = scope, Query = parsed!, PageSize = PageSize };
    SearchParameters.TryParse(new QueryCollection(new Dictionary<string, StringValues> { ["q"] = word }), autocomplete: false, out var parameters, out _);
    var serviceUrl = urls.Search(1, key);
    return new BenchQuery($"/iiif/search/1/{key}?q={Uri.EscapeDataString(word)}", search => search.Search(request).Hits.Count, search =>
    {
        // As the endpoint answers it (Search 1.0, page 1), into memory.
        var result = search.Search(request);
        var paging = SearchPaging.Create(serviceUrl, parameters, word, 1, PageSize, result.Total, pageRequested: false);
        using var writer = new Utf8JsonWriter(BenchQuery.AnswerBuffer(), IiifJsonResult.WriterOptions);
        SearchV1Writer.Write(writer, result, paging, [], acrossManifests: scope.Kind != SearchScopeKind.Manifest, urls);
        return result.Hits.Count;
    });
}

static BenchQuery CatalogQuery(string? words, string? provider, string? language)
{
    UserQuery? parsed = null;
    if (words is not null)
    {
        UserQuery.TryParse(words, 256, 16, out parsed, out _);
    }

    var request = new CatalogRequest
    {
        Query = parsed,
        Providers = provider is null ? [] : [provider],
        Languages = language is null ? [] : [language],
    };
    var url = "/iiif/catalog?" + string.Join('&', new[] { ("q", words), ("provider", provider), ("language", language) }
        .Where(p => p.Item2 is not null)
        .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));
    return new BenchQuery(url, search => search.SearchCatalog(request).Items.Count);
}
