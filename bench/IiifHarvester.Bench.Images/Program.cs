using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using IiifHarvester.Bench.Images;
using IiifHarvester.TestUtilities.Images;

// The Image API proxy cache beside the servers it fronts, on loopback, in one run:
//  1. cache hits: our proxy vs nginx serving the same cached bytes as a static file;
//  2. cache misses: our proxy (which asks iipsrv) vs asking iipsrv directly;
//  3. coalescing: upstream requests caused by 100 concurrent identical misses.
// Run: dotnet run -c Release --project bench/IiifHarvester.Bench.Images -- [--quick] [--hits-only] [--httpclient]
// Needs .ci/setup-images.sh (iipimage-server, nginx, vips, wrk); without wrk (or with --httpclient) an HttpClient loop
// drives both sides. BENCH_PERF=1 starts the proxy with perf maps, for `perf record -p PID`.
if (args.Length > 0 && args[0] == "--serve-proxy")
{
    return await ProxyServer.RunAsync(args);
}

var quick = args.Contains("--quick");
var hitsOnly = args.Contains("--hits-only"); // section 1 alone
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
    ? WrkRunner.RunAsync(target, url, warmUp ? 3 : sliceSeconds, concurrency)
    : LoadRunner.RunAsync(target, url, warmUp ? 6000 : sliceRequests, concurrency);

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

    // 1. Hits: one tile, cached by the proxy; nginx serves the very same bytes from a file, with the same headers.
    const string tile = "0,0,256,256/256,/0/default.jpg";
    var cached = await http.GetByteArrayAsync($"{proxyBase}/{tile}");
    var hitHeaders = await HitHeadersAsync(http, $"{proxyBase}/{tile}");
    await using var staticNginx = await StaticNginx.StartAsync("tile.jpg", cached, [.. hitHeaders.Where(h => h.Key is not ("ETag" or "Last-Modified"))]);
    // The floors answer the same bytes and headers from memory (see ProxyServer).
    using (var content = new ByteArrayContent(cached))
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, proxy.Url + "/__floor") { Content = content };
        foreach (var (name, value) in hitHeaders)
        {
            post.Headers.TryAddWithoutValidation(ProxyServer.EchoPrefix + name, value);
        }

        (await http.SendAsync(post)).EnsureSuccessStatusCode();
    }

    var targets = new HitTarget[]
    {
        new($"nginx ({Environment.ProcessorCount} workers)", staticNginx.Url("tile.jpg"), staticNginx.CpuSeconds),
        new("proxy (cache hit)", new Uri($"{proxyBase}/{tile}"), () => ProcessCpu.Seconds(proxy.ProcessId)),
        new("Kestrel + edge + routing", new Uri(proxy.Url + "/__floor"), () => ProcessCpu.Seconds(proxy.ProcessId)),
        new("bare Kestrel", new Uri(proxy.BareUrl + "/tile.jpg"), () => ProcessCpu.Seconds(proxy.ProcessId)),
    };
    const int Nginx = 0, Proxy = 1, Edge = 2, Bare = 3;

    Console.WriteLine();
    var client = useWrk
        ? string.Create(inv, $"wrk -t1 -c{concurrency} -d{sliceSeconds}s --latency, kept-alive HTTP/1.1, no Accept-Encoding (the same client and settings for every target)")
        : $"an HttpClient closed loop of {sliceRequests} GETs, {concurrency} connections (wrk not found at {WrkRunner.Path}; apt-get install -y wrk)";
    Console.WriteLine($"1. Cache hits: {hitSlices} slices, each running every target in turn (rotating which goes first); GETs of one {cached.Length} byte tile");
    Console.WriteLine($"   client: {client}");
    Console.WriteLine($"   every target answers the same bytes with the same {hitHeaders.Count} headers besides Date, Server, Content-Type and Content-Length ({string.Join(", ", hitHeaders.Select(h => h.Key))})");
    Console.WriteLine("   the two Kestrel floors run in the proxy's process: through its middleware and routing, and on a second listener with nothing but a handler");
    // Warm every target long enough for tiered compilation to reach its optimized code (the JIT's own thread otherwise
    // runs during the first measured slices, on the proxy more than on anything else), then let that thread finish.
    foreach (var target in targets)
    {
        await Load("warm-up", target.Url, warmUp: true);
    }

    await Task.Delay(TimeSpan.FromSeconds(1));

    var results = targets.Select(_ => new List<LoadResult>()).ToArray();
    var cpu = new double[targets.Length];
    for (var slice = 0; slice < hitSlices; slice++)
    {
        for (var k = 0; k < targets.Length; k++)
        {
            var t = (k + slice) % targets.Length;
            var cpu0 = targets[t].CpuSeconds();
            results[t].Add(await Load(targets[t].Name, targets[t].Url));
            cpu[t] += targets[t].CpuSeconds() - cpu0;
        }
    }

    for (var t = 0; t < targets.Length; t++)
    {
        var slices = results[t];
        var requests = slices.Sum(r => r.Requests);
        var rate = requests / slices.Sum(r => r.Seconds);
        Console.WriteLine(string.Create(inv, $"   {targets[t].Name,-26} {rate,7:0} req/s   p50 {Median(slices.Select(r => r.P50Ms)),5:0.00} ms   p99 {Median(slices.Select(r => r.P99Ms)),6:0.00} ms   server CPU {cpu[t] * 1e6 / requests,5:0.0} µs/request   errors {slices.Sum(r => r.Errors)}"));
    }

    // Ratios of rates measured in the same slice, a few seconds apart; the median over slices.
    double[] SliceRatios(int a, int b) => [.. Enumerable.Range(0, hitSlices).Select(i => results[a][i].RequestsPerSecond / results[b][i].RequestsPerSecond)];
    string Ratio(int a, int b)
    {
        var r = SliceRatios(a, b);
        return string.Create(inv, $"{Median(r),4:P0} (min {r.Min():P0}, max {r.Max():P0})");
    }

    var hitRatio = Median(SliceRatios(Proxy, Nginx));
    Console.WriteLine($"   ratios of rates, median of the {hitSlices} per-slice ratios:");
    Console.WriteLine($"     proxy / nginx                       {Ratio(Proxy, Nginx)}   the target: >= 90 %");
    Console.WriteLine($"     bare Kestrel / nginx                {Ratio(Bare, Nginx)}   the most any ASP.NET Core server reaches here");
    Console.WriteLine($"     proxy / bare Kestrel                {Ratio(Proxy, Bare)}   what the proxy's own work leaves of that");
    Console.WriteLine($"     Kestrel + edge + routing / bare     {Ratio(Edge, Bare)}   what the shared middleware and routing leave");
    Console.WriteLine(string.Create(inv, $"   proxy/nginx latency: p50 {Median(results[Proxy].Select(r => r.P50Ms)) / Median(results[Nginx].Select(r => r.P50Ms)):0.00}x, p99 {Median(results[Proxy].Select(r => r.P99Ms)) / Median(results[Nginx].Select(r => r.P99Ms)):0.00}x"));
    Console.WriteLine($"   machine load (1, 5, 15 min): {LoadAverage()} on {Environment.ProcessorCount} cores");
    if (hitsOnly)
    {
        return exitCode;
    }

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

    Console.WriteLine($"   machine load (1, 5, 15 min): {LoadAverage()} on {Environment.ProcessorCount} cores");

    Console.WriteLine();
    Console.WriteLine("Summary (targets from issue 6)");
    var hitOk = hitRatio >= 0.90;
    var missOk = medianOverhead < 5;
    var coalesceOk = worst == 1;
    Console.WriteLine(string.Create(inv, $"   hits: proxy at {hitRatio:P0} of nginx's rate (median of {hitSlices} slice ratios)   target >= 90%   {(hitOk ? "MET" : "NOT MET")}   (bare Kestrel: {Median(SliceRatios(Bare, Nginx)):P0} of nginx)"));
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

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

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

// The headers of a cache hit that every hit target sends too (Date, Server and the content's type and length aside).
static async Task<List<KeyValuePair<string, string>>> HitHeadersAsync(HttpClient client, string url)
{
    using var response = await client.GetAsync(url);
    response.EnsureSuccessStatusCode();
    string[] own = ["Date", "Server", "Content-Type", "Content-Length"];
    return [.. response.Headers.Concat(response.Content.Headers)
        .Where(h => !own.Contains(h.Key, StringComparer.OrdinalIgnoreCase))
        .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value)))];
}

static async Task<long> StatsAsync(HttpClient client, string proxyUrl)
{
    var stats = await client.GetFromJsonAsync<StatsDto>(proxyUrl + "/__stats");
    return stats!.UpstreamRequests;
}
