using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using IiifHarvester.Bench.Images;
using IiifHarvester.TestUtilities.Images;

// The Image API proxy cache beside the servers it fronts, on loopback, in one run:
//  1. cache hits: our proxy vs nginx serving the same cached bytes as a static file;
//  2. cache misses: our proxy (which asks iipsrv) vs asking iipsrv directly;
//  3. coalescing: upstream requests caused by 100 concurrent identical misses.
// Run: dotnet run -c Release --project bench/IiifHarvester.Bench.Images -- [--quick] [--httpclient]
// Needs .ci/setup-images.sh (iipimage-server, nginx, vips, wrk); without wrk (or with --httpclient) an HttpClient loop
// drives both sides. BENCH_PERF=1 starts the proxy with perf maps, for `perf record -p PID`.
if (args.Length > 0 && args[0] == "--serve-proxy")
{
    return await ProxyServer.RunAsync(args);
}

var quick = args.Contains("--quick");
// Hits run as alternating slices (nginx, proxy, nginx, proxy, ...) so that noise from a shared machine falls on both.
var hitSlices = quick ? 6 : 16;
var sliceSeconds = quick ? 2.0 : 4.0;
var sliceRequests = quick ? 3_000 : 5_000; // only for the HttpClient fallback when wrk is missing
var concurrency = 32;
var missPairs = quick ? 40 : 150;
var coalesceRuns = quick ? 3 : 5;
var inv = CultureInfo.InvariantCulture;
var useWrk = WrkRunner.IsInstalled && !args.Contains("--httpclient");
Task<LoadResult> Load(string target, Uri url, bool warmUp = false) => useWrk
    ? WrkRunner.RunAsync(target, url, warmUp ? 1 : sliceSeconds, concurrency)
    : LoadRunner.RunAsync(target, url, warmUp ? 2000 : sliceRequests, concurrency);

Console.WriteLine($"IiifHarvester.Bench.Images ({(quick ? "quick" : "full")}): {Environment.ProcessorCount} cores, .NET {Environment.Version}, loopback only");
await using var upstream = await IipImageUpstream.StartAsync(RepositoryPaths.SharedImages);
var cacheDir = Path.Combine(Path.GetTempPath(), "iiif-bench-cache-" + Guid.NewGuid().ToString("N")[..8]);
var exitCode = 0;
try
{
    await using var proxy = await ProxyProcess.StartAsync(cacheDir, upstream.Authority, [upstream.GridServiceId]);
    var key = proxy.Keys[upstream.GridServiceId];
    var proxyBase = $"{proxy.Url}/iiif/image/{key}";
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    await http.GetByteArrayAsync(proxyBase + "/info.json");

    // 1. Hits: one tile, cached by the proxy; nginx serves the very same bytes from a file.
    const string tile = "0,0,256,256/256,/0/default.jpg";
    var cached = await http.GetByteArrayAsync($"{proxyBase}/{tile}");
    await using var staticNginx = await StaticNginx.StartAsync("tile.jpg", cached);
    var nginxUrl = staticNginx.Url("tile.jpg");
    var proxyUrl = new Uri($"{proxyBase}/{tile}");

    Console.WriteLine();
    var client = useWrk
        ? string.Create(inv, $"wrk -t1 -c{concurrency} -d{sliceSeconds}s --latency (same client for every target)")
        : $"an HttpClient closed loop of {sliceRequests} GETs, {concurrency} connections (wrk not found at {WrkRunner.Path}; apt-get install -y wrk)";
    Console.WriteLine($"1. Cache hits: {hitSlices} alternating slices, GETs of one {cached.Length} byte tile, client: {client}");
    await Load("warm-up", nginxUrl, warmUp: true);
    await Load("warm-up", proxyUrl, warmUp: true);
    // Diagnostic: the proxy's process answering the same bytes from memory with no proxy logic (Kestrel's own cost).
    using (var content = new ByteArrayContent(cached))
    {
        (await http.PostAsync(proxy.Url + "/__floor", content)).EnsureSuccessStatusCode();
    }

    var floorUrl = new Uri(proxy.Url + "/__floor");
    await Load("warm-up", floorUrl, warmUp: true);
    var floorSlices = new List<LoadResult>();
    double floorCpu = 0;
    double nginxCpu = 0, proxyCpu = 0;
    var ratios = new List<double>();
    var nginxSlices = new List<LoadResult>();
    var proxySlices = new List<LoadResult>();
    for (var slice = 0; slice < hitSlices; slice++)
    {
        // Alternate which goes first, too.
        LoadResult n, p;
        var cpu0 = (N: staticNginx.CpuSeconds(), P: ProcessCpu.Seconds(proxy.ProcessId));
        if (slice % 2 == 0)
        {
            n = await Load($"nginx ({Environment.ProcessorCount} workers)", nginxUrl);
            p = await Load("proxy (cache hit)", proxyUrl);
        }
        else
        {
            p = await Load("proxy (cache hit)", proxyUrl);
            n = await Load($"nginx ({Environment.ProcessorCount} workers)", nginxUrl);
        }

        nginxCpu += staticNginx.CpuSeconds() - cpu0.N;
        proxyCpu += ProcessCpu.Seconds(proxy.ProcessId) - cpu0.P;
        var floorCpu0 = ProcessCpu.Seconds(proxy.ProcessId);
        floorSlices.Add(await Load("kestrel floor", floorUrl));
        floorCpu += ProcessCpu.Seconds(proxy.ProcessId) - floorCpu0;

        nginxSlices.Add(n);
        proxySlices.Add(p);
        ratios.Add(p.RequestsPerSecond / n.RequestsPerSecond);
    }

    foreach (var slices in new[] { nginxSlices, proxySlices })
    {
        var total = slices.Sum(r => r.Requests);
        var rate = total / slices.Sum(r => r.Seconds);
        var p50 = Median(slices.Select(r => r.P50Ms));
        var p99 = Median(slices.Select(r => r.P99Ms));
        Console.WriteLine(string.Create(inv, $"   {slices[0].Target,-20} {rate,9:0} req/s   p50 {p50,6:0.00} ms   p99 {p99,6:0.00} ms   errors {slices.Sum(r => r.Errors)}   (p50/p99: median over slices)"));
    }

    var nginxRate = nginxSlices.Sum(r => r.Requests) / nginxSlices.Sum(r => r.Seconds);
    var proxyRate = proxySlices.Sum(r => r.Requests) / proxySlices.Sum(r => r.Seconds);
    var hitRatio = Median(ratios);
    Console.WriteLine(string.Create(inv, $"   proxy/nginx rate: {proxyRate / nginxRate:P0} overall, {hitRatio:P0} median of per-slice ratios (min {ratios.Min():P0}, max {ratios.Max():P0})"));
    var nginxCpuPerRequest = nginxCpu * 1e6 / nginxSlices.Sum(r => r.Requests);
    var proxyCpuPerRequest = proxyCpu * 1e6 / proxySlices.Sum(r => r.Requests);
    Console.WriteLine(string.Create(inv, $"   server CPU per request: nginx {nginxCpuPerRequest:0.0} µs, proxy {proxyCpuPerRequest:0.0} µs ({nginxCpuPerRequest / proxyCpuPerRequest:P0} of the proxy's CPU cost is nginx's)"));
    var floorRate = floorSlices.Sum(r => r.Requests) / floorSlices.Sum(r => r.Seconds);
    var floorCpuPerRequest = floorCpu * 1e6 / floorSlices.Sum(r => r.Requests);
    Console.WriteLine(string.Create(inv, $"   (diagnostic) the proxy's process answering the bytes from memory with no proxy logic: {floorRate:0} req/s, {floorCpuPerRequest:0.0} µs CPU per request"));
    Console.WriteLine(string.Create(inv, $"   proxy/nginx latency: p50 {Median(proxySlices.Select(r => r.P50Ms)) / Median(nginxSlices.Select(r => r.P50Ms)):0.00}x, p99 {Median(proxySlices.Select(r => r.P99Ms)) / Median(nginxSlices.Select(r => r.P99Ms)):0.00}x"));

    // 2. Misses: each pair asks one new canonical request of iipsrv directly and through the proxy (cold), in
    // alternating order so that neither side always gets iipsrv's own tile cache warm.
    Console.WriteLine();
    Console.WriteLine($"2. Cache misses: {missPairs} distinct requests, each asked of iipsrv directly and of the proxy (cold), sequentially, alternating which goes first; iipsrv's tile cache warmed first");
    using var missClient = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    // iipsrv keeps decoded TIFF tiles in its own cache: ask each size once directly first, so that neither side of a
    // pair pays for cold tiles and the difference is what the proxy adds (its output is not cached by nginx/iipsrv).
    for (var i = 0; i < missPairs; i++)
    {
        await TimeAsync(missClient, $"{upstream.GridServiceId}/full/{120 + i},/0/default.jpg");
    }

    var direct = new List<double>();
    var proxied = new List<double>();
    var overhead = new List<double>();
    for (var i = 0; i < missPairs; i++)
    {
        var path = $"full/{120 + i},/0/default.jpg";
        var directUrl = $"{upstream.GridServiceId}/{path}";
        var proxyMissUrl = $"{proxyBase}/{path}";
        double d, p;
        if (i % 2 == 0)
        {
            d = await TimeAsync(missClient, directUrl);
            p = await TimeAsync(missClient, proxyMissUrl);
        }
        else
        {
            p = await TimeAsync(missClient, proxyMissUrl);
            d = await TimeAsync(missClient, directUrl);
        }

        direct.Add(d);
        proxied.Add(p);
        overhead.Add(p - d);
    }

    direct.Sort();
    proxied.Sort();
    overhead.Sort();
    var medianOverhead = LoadRunner.Percentile([.. overhead], 0.5);
    Console.WriteLine(string.Create(inv, $"   iipsrv direct     p50 {LoadRunner.Percentile([.. direct], 0.5),6:0.00} ms   p99 {LoadRunner.Percentile([.. direct], 0.99),6:0.00} ms"));
    Console.WriteLine(string.Create(inv, $"   proxy (miss)      p50 {LoadRunner.Percentile([.. proxied], 0.5),6:0.00} ms   p99 {LoadRunner.Percentile([.. proxied], 0.99),6:0.00} ms"));
    Console.WriteLine(string.Create(inv, $"   added by a miss   p50 {medianOverhead,6:0.00} ms   p90 {LoadRunner.Percentile([.. overhead], 0.9),6:0.00} ms (per-pair difference)"));

    // 3. Coalescing: 100 clients ask the same uncached image at once.
    Console.WriteLine();
    Console.WriteLine("3. Coalescing: 100 concurrent identical misses");
    using var burst = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 }) { Timeout = TimeSpan.FromSeconds(60) };
    var worst = 0L;
    for (var run = 0; run < coalesceRuns; run++)
    {
        var url = $"{proxyBase}/pct:{10 + run},{10 + run},50,50/!400,400/0/default.jpg";
        var before = await StatsAsync(http, proxy.Url);
        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => burst.GetAsync(url)));
        var ok = responses.Count(r => r.IsSuccessStatusCode);
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsByteArrayAsync()));
        var identical = bodies.All(b => b.AsSpan().SequenceEqual(bodies[0]));
        foreach (var r in responses)
        {
            r.Dispose();
        }

        var after = await StatsAsync(http, proxy.Url);
        var upstreamRequests = after - before;
        worst = Math.Max(worst, upstreamRequests);
        Console.WriteLine($"   run {run + 1}: {ok}/100 answered 200, bodies identical: {identical}, upstream requests: {upstreamRequests}");
    }

    // 4. Local transforms: what iipsrv cannot do (45° rotation, PNG) made by the proxy, beside pass-through, each a
    // distinct cold request (a new size), sequentially, in interleaved rounds so machine noise falls on all three.
    Console.WriteLine();
    var transformRounds = quick ? 8 : 30;
    Console.WriteLine($"4. Local transforms: {transformRounds} distinct cold requests each through /iiif/image/3, sequential, interleaved");
    var kinds = new (string Name, string Rotation, string Format)[] { ("pass-through (jpg, iipsrv)", "0", "jpg"), ("rotation 45° (local)", "45", "jpg"), ("PNG (local)", "0", "png") };
    var times = kinds.Select(_ => new List<double>()).ToArray();
    var proxy3 = proxyBase.Replace("/iiif/image/", "/iiif/image/3/", StringComparison.Ordinal);
    for (var i = 0; i < transformRounds; i++)
    {
        for (var k = 0; k < kinds.Length; k++)
        {
            var kind = kinds[(k + i) % kinds.Length];
            var w = 300 + i;
            times[(k + i) % kinds.Length].Add(await TimeAsync(missClient, $"{proxy3}/full/{w},/{kind.Rotation}/default.{kind.Format}"));
        }
    }

    for (var k = 0; k < kinds.Length; k++)
    {
        var sorted = times[k].Order().ToArray();
        Console.WriteLine(string.Create(inv, $"   {kinds[k].Name,-28} {1000 / sorted.Average(),7:0.0} /s sequential   p50 {LoadRunner.Percentile(sorted, 0.5),6:0.00} ms   ({sorted.Average() / times[0].Average():0.00}x pass-through)"));
    }

    Console.WriteLine($"   machine load (1, 5, 15 min): {(File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown")} on {Environment.ProcessorCount} cores");

    Console.WriteLine();
    Console.WriteLine("Summary (targets from issue 6)");
    var hitOk = hitRatio >= 0.90;
    var missOk = medianOverhead < 5;
    var coalesceOk = worst == 1;
    Console.WriteLine(string.Create(inv, $"   hits: proxy at {hitRatio:P0} of nginx's rate (median of {hitSlices} slice ratios)   target >= 90%   {(hitOk ? "MET" : "NOT MET")}"));
    Console.WriteLine(string.Create(inv, $"   misses: {medianOverhead:0.00} ms added to iipsrv's own time (median)   target < 5 ms   {(missOk ? "MET" : "NOT MET")}"));
    Console.WriteLine($"   coalescing: at most {worst} upstream request(s) for 100 identical misses   target 1   {(coalesceOk ? "MET" : "NOT MET")}");
}
finally
{
    try
    {
        Directory.Delete(cacheDir, recursive: true);
    }
    catch (IOException)
    {
    }
}

return exitCode;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static async Task<double> TimeAsync(HttpClient client, string url)
{
    var t0 = Stopwatch.GetTimestamp();
    using var response = await client.GetAsync(url);
    await response.Content.ReadAsByteArrayAsync();
    response.EnsureSuccessStatusCode();
    return Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
}

static async Task<long> StatsAsync(HttpClient client, string proxyUrl)
{
    var stats = await client.GetFromJsonAsync<StatsDto>(proxyUrl + "/__stats");
    return stats!.UpstreamRequests;
}
