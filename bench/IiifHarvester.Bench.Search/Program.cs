using System.Diagnostics;
using System.Globalization;
using System.Net;
using IiifHarvester.Bench.Search;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// Search benchmark: builds an index of generated word-level OCR, serves Content Search over Kestrel on loopback,
// and runs the same queries over HTTP and in-process, printing latency and throughput side by side.
//   dotnet run -c Release --project bench/IiifHarvester.Bench.Search -- [--quick]
//   --profile-aggregate: after building, only aggregate queries in-process for 20 s (to run under dotnet-trace).
var quick = args.Contains("--quick");
var annotationsWanted = quick ? 100_000 : 1_000_000;
var perManifest = SyntheticInstitution.CanvasesPerManifest * SyntheticInstitution.LinesPerCanvas;
var manifests = annotationsWanted / perManifest;
var latencyRequests = quick ? 600 : 2000;
var rounds = quick ? 3 : 5;
var loadDuration = TimeSpan.FromSeconds(quick ? 6 : 15);
const int Concurrency = 4;
var directory = Path.Combine(Path.GetTempPath(), "iiif-bench-search-" + Guid.NewGuid().ToString("N")[..8]);

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
builder.Configuration["Indexing:Directory"] = directory;
builder.Configuration["Indexing:RefreshInterval"] = "00:00:00";
builder.Configuration["Indexing:RamBufferMegabytes"] = "256";
builder.Services.AddIiifIndexing(builder.Configuration);
builder.Services.AddIiifSearchApi(builder.Configuration);
await using var app = builder.Build();
app.MapIiifSearch();
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

try
{
    var index = app.Services.GetRequiredService<ISearchIndex>();
    var search = app.Services.GetRequiredService<IContentSearch>();
    var institution = new SyntheticInstitution(vocabularySize: 8000);

    Console.WriteLine($"IiifHarvester search benchmark ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}");
    Console.WriteLine($"Building: {manifests:N0} manifests x {perManifest} word-level OCR lines ({SyntheticInstitution.WordsPerLine} words each), 1 in 10 Japanese");
    var build = Stopwatch.StartNew();
    Parallel.For(0, manifests, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, n => index.Upsert(institution.Manifest(n)));
    index.Commit(manifests);
    build.Stop();
    var statistics = index.GetStatistics();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Index build: {statistics.Annotations:N0} annotations in {build.Elapsed.TotalSeconds:F1} s = {statistics.Annotations / build.Elapsed.TotalSeconds:N0} annotations/s; " +
        $"{statistics.TextDocuments:N0} text documents, {statistics.Segments} segments, {statistics.SizeBytes / 1048576.0:F1} MiB on disk ({statistics.SizeBytes / (double)statistics.Annotations:F0} bytes/annotation)"));

    // Query sets: within one (Latin-script) manifest, words of rank 20-400; across the aggregate, rank 1000-4000.
    var random = new Random(7);
    var within = Enumerable.Range(0, 1000).Select(_ =>
    {
        int n;
        do
        {
            n = random.Next(manifests);
        }
        while (n % 10 == 9);
        return new BenchQuery(ResourceKey.For(SyntheticInstitution.ManifestUri(n)), SyntheticInstitution.ManifestUri(n), institution.Vocabulary[random.Next(20, 400)]);
    }).ToArray();
    var aggregate = Enumerable.Range(0, 1000)
        .Select(_ => new BenchQuery(PublicUrls.AllKey, null, institution.Vocabulary[random.Next(1000, 4000)]))
        .ToArray();

    if (args.Contains("--profile-aggregate"))
    {
        // For a profiler (dotnet-trace collect -- dotnet ... --quick --profile-aggregate): aggregate queries in-process only.
        var profiled = Stopwatch.StartNew();
        var count = 0;
        while (profiled.Elapsed < TimeSpan.FromSeconds(20))
        {
            _ = InProcess(search, aggregate[count++ % aggregate.Length]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Profiled: {count} aggregate queries in {profiled.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = new Uri(address),
        Timeout = TimeSpan.FromSeconds(30),
    };

    var results = new List<(string Set, string Mode, Measurement M)>();
    var wrkFigures = new List<(string Set, double Throughput, double P50, double P99, long Errors)>();
    foreach (var (name, set) in new[] { ("within-manifest", within), ("aggregate", aggregate) })
    {
        var hits = set.Take(100).Average(q => InProcess(search, q).Total);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {hits:F1} hits per query on average (page size 250)"));
        Func<BenchQuery, Task> http = async q => _ = await client.GetByteArrayAsync(q.Url);
        Func<BenchQuery, Task> local = q =>
        {
            _ = InProcess(search, q);
            return Task.CompletedTask;
        };

        // Warm both paths, then measure them interleaved in rounds: sequential latency, then the same concurrency.
        await Runner.WarmAsync(set, TimeSpan.FromSeconds(2), local);
        await Runner.WarmAsync(set, TimeSpan.FromSeconds(2), http);
        using var wrk = Wrk.TryCreate(address, set, Concurrency);
        var (measured, external) = await Runner.MeasureInterleavedAsync(
            set, latencyRequests, loadDuration, Concurrency, rounds, [local, http], wrk is null ? [] : [wrk.RunAsync]);
        results.Add((name, "in-process", measured[0]));
        results.Add((name, "HTTP", measured[1]));
        if (wrk is not null)
        {
            wrkFigures.Add((name, external[0], wrk.P50, wrk.P99, wrk.Errors));
        }
    }

    Console.WriteLine();
    Console.WriteLine($"Sequential latency ({latencyRequests} requests per mode, 1 ms apart) and throughput ({Concurrency} concurrent, {loadDuration.TotalSeconds:F0} s per mode), interleaved in {rounds} rounds:");
    Console.WriteLine($"{"query set",-16} {"mode",-22} {"p50 ms",8} {"p99 ms",8} {"req/s",10}");
    foreach (var (set, mode, m) in results)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set,-16} {(mode == "HTTP" ? "HTTP (HttpClient)" : mode),-22} {m.P50,8:F2} {m.P99,8:F2} {m.Throughput,10:N0}"));
    }

    foreach (var (set, throughput, p50, p99, errors) in wrkFigures)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{set,-16} {"HTTP (wrk, under load)",-22} {p50,8:F2} {p99,8:F2} {throughput,10:N0}   non-2xx/socket errors: {errors}"));
    }

    if (wrkFigures.Count == 0)
    {
        Console.WriteLine("(wrk not installed: HTTP load from the loopback HttpClient generator only; apt-get install -y wrk)");
    }

    Console.WriteLine();
    foreach (var set in results.Select(r => r.Set).Distinct())
    {
        var local = results.Single(r => r.Set == set && r.Mode == "in-process").M;
        var http = results.Single(r => r.Set == set && r.Mode == "HTTP").M;
        var wrkThroughput = wrkFigures.Where(w => w.Set == set).Select(w => (double?)w.Throughput).SingleOrDefault();
        var wrkRatio = wrkThroughput is { } w ? string.Create(CultureInfo.InvariantCulture, $", wrk = {w / local.Throughput:P0} of in-process") : string.Empty;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{set}: HTTP/in-process p50 {http.P50 / local.P50:F2}x, p99 {http.P99 / local.P99:F2}x; throughput HttpClient = {http.Throughput / local.Throughput:P0} of in-process{wrkRatio}"));
    }

    var withinHttp = results.Single(r => r.Set == "within-manifest" && r.Mode == "HTTP").M;
    var withinLocal = results.Single(r => r.Set == "within-manifest" && r.Mode == "in-process").M;
    var withinWrk = wrkFigures.Where(w => w.Set == "within-manifest").Select(w => (double?)w.Throughput).SingleOrDefault();
    var bestHttp = Math.Max(withinHttp.Throughput, withinWrk ?? 0);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Targets: within-manifest HTTP p50 {withinHttp.P50:F2} ms < 5 ms: {Verdict(withinHttp.P50 < 5)}; p99 {withinHttp.P99:F2} ms < 25 ms: {Verdict(withinHttp.P99 < 25)}; " +
        $"HTTP throughput {bestHttp:N0} req/s >= 50% of in-process {withinLocal.Throughput:N0} req/s: {Verdict(bestHttp >= withinLocal.Throughput / 2)}"));
    Console.WriteLine($"Load average at end: {LoadAverage()}");
}
finally
{
    await app.StopAsync();
    (app.Services.GetRequiredService<ISearchIndex>() as IDisposable)?.Dispose();
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

return 0;

static string Verdict(bool ok) => ok ? "PASS" : "FAIL";

// The machine is shared: the load average says how much else ran beside the benchmark.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static ContentSearchResult InProcess(IContentSearch search, BenchQuery query)
{
    UserQuery.TryParse(query.Word, 256, 16, out var parsed, out _);
    var scope = query.ManifestUri is null ? SearchScope.All : new SearchScope(SearchScopeKind.Manifest, query.ManifestUri);
    return search.Search(new ContentSearchRequest { Scope = scope, Query = parsed!, PageSize = 250 });
}
