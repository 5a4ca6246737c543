using System.Net;
using IiifHarvester.Images.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Images.Tests.Caching;

public sealed class CacheBehaviourTests
{
    [Fact]
    public async Task Image_MissThenHit_OneUpstreamRequest()
    {
        using var upstream = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        var a = await host.Client.GetOkAsync($"/iiif/image/{key}/full/max/0/default.jpg");
        var b = await host.Client.GetOkAsync($"/iiif/image/{key}/full/max/0/default.jpg");
        Assert.Equal(upstream.ImageBody, a);
        Assert.Equal(a, b);
        Assert.Equal(1, upstream.ImageRequests);
        Assert.Equal(1, upstream.InfoRequests);
        Assert.Equal(1, host.Statistics.Misses - 1); // one for info.json, one for the image
        Assert.Equal(2, host.Statistics.Hits); // the second request: info.json and the image
    }

    [Fact]
    public async Task Image_CacheSurvivesRestart_NoUpstreamRequest()
    {
        using var upstream = new FakeImageService();
        var dir = Path.Combine(Path.GetTempPath(), "iiif-image-cache-" + Guid.NewGuid().ToString("N")[..12]);
        string key;
        await using (var host = await ImageProxyHost.StartAsync(cacheDirectory: dir + "-a"))
        {
            key = host.Register(upstream.ServiceId).Key;
            await host.Client.GetOkAsync($"/iiif/image/{key}/full/200,/0/default.jpg");
            CopyDirectory(host.CacheDirectory, dir);
        }

        await using var again = await ImageProxyHost.StartAsync(cacheDirectory: dir);
        again.Register(upstream.ServiceId);
        await again.Client.GetOkAsync($"/iiif/image/{key}/full/200,/0/default.jpg");
        Assert.Equal(1, upstream.ImageRequests);
    }

    [Fact]
    public async Task Image_StaleWithETag_RevalidatedBy304ThenFresh()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).WithHeader("If-None-Match", "\"v1\"").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "\"v1\""));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.Freshness = TimeSpan.FromMinutes(10), clock);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        await host.Client.GetOkAsync(url);
        clock.Advance(TimeSpan.FromMinutes(11));
        var body = await host.Client.GetOkAsync(url);
        Assert.Equal(upstream.ImageBody, body);
        Assert.Equal(2, upstream.ImageRequests);
        var conditional = upstream.Server.LogEntries.Last(e => e.RequestMessage!.Path.EndsWith(".jpg", StringComparison.Ordinal));
        Assert.Equal("\"v1\"", conditional.RequestMessage!.Headers!["If-None-Match"].Single());
        Assert.Equal(304, Convert.ToInt32(conditional.ResponseMessage!.StatusCode, System.Globalization.CultureInfo.InvariantCulture));

        await host.Client.GetOkAsync(url);
        Assert.Equal(2, upstream.ImageRequests);
    }

    [Fact]
    public async Task Image_StaleAndChangedUpstream_NewBodyServed()
    {
        using var upstream = new FakeImageService();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.Freshness = TimeSpan.FromMinutes(10), clock);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        using var first = await host.Client.GetAsync(url);
        using var changed = NetVips.Image.Black(16, 16, bands: 3);
        var newBody = changed.JpegsaveBuffer();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/jpeg").WithHeader("ETag", "\"v2\"").WithBody(newBody));
        clock.Advance(TimeSpan.FromMinutes(11));
        using var second = await host.Client.GetAsync(url);
        Assert.Equal(newBody, await second.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Image_StaleAndUpstreamDown_StaleServed()
    {
        using var upstream = new FakeImageService();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.Freshness = TimeSpan.FromMinutes(10), clock);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";
        await host.Client.GetOkAsync(url);
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(503));
        clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(upstream.ImageBody, await host.Client.GetOkAsync(url));
    }

    [Fact]
    public async Task Cache_OverSizeCap_LeastRecentlyUsedEvicted()
    {
        var big = FakeImageService.JpegLike(300 * 1024);
        using var upstream = new FakeImageService(imageBody: big);
        await using var host = await ImageProxyHost.StartAsync(o => o.MaxCacheBytes = 1024 * 1024);
        var key = host.Register(upstream.ServiceId).Key;
        string Url(int w) => $"/iiif/image/{key}/full/{w},/0/default.jpg";

        int Asked(int w) => upstream.Server.LogEntries.Count(e => e.RequestMessage!.Path == $"/iiif/img/full/{w},{w}/0/default.jpg");

        await host.Client.GetOkAsync(Url(100)); // A
        await host.Client.GetOkAsync(Url(200)); // B
        await host.Client.GetOkAsync(Url(300)); // C
        await host.Client.GetOkAsync(Url(100)); // A used again
        await host.Client.GetOkAsync(Url(400)); // D: 1.2 MB > 1 MB, evicts down to 0.9 MB: only B goes
        Assert.Equal(1, host.Statistics.Evictions);
        Assert.Equal([1, 1, 1, 1], new[] { Asked(100), Asked(200), Asked(300), Asked(400) });

        // A, C and D are still cached; B was evicted and is fetched again (evicting A, by then the least recently used).
        await host.Client.GetOkAsync(Url(100));
        await host.Client.GetOkAsync(Url(300));
        await host.Client.GetOkAsync(Url(400));
        Assert.Equal([1, 1, 1, 1], new[] { Asked(100), Asked(200), Asked(300), Asked(400) });
        await host.Client.GetOkAsync(Url(200));
        Assert.Equal([1, 2, 1, 1], new[] { Asked(100), Asked(200), Asked(300), Asked(400) });
        Assert.Equal(2, host.Statistics.Evictions);
        Assert.Equal(5, upstream.ImageRequests);
        var onDisk = Directory.EnumerateFiles(host.CacheDirectory, "*.bin", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(onDisk <= 1024 * 1024, $"{onDisk} bytes on disk");
    }

    [Fact]
    public async Task Image_100ConcurrentIdenticalMisses_OneUpstreamRequest()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "image/jpeg").WithBody(upstream.ImageBody).WithDelay(400));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 100 }) { BaseAddress = new Uri(host.BaseUrl) };
        // Info and thumbnail asked at once, cold, by many viewers (the case users report failing).
        var tasks = Enumerable.Range(0, 100).Select(i => client.GetAsync(i % 10 == 0 ? $"/iiif/image/{key}/info.json" : $"/iiif/image/{key}/full/!200,200/0/default.jpg")).ToArray();
        var responses = await Task.WhenAll(tasks);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, upstream.ImageRequests);
        Assert.Equal(1, upstream.InfoRequests);
        foreach (var r in responses)
        {
            r.Dispose();
        }
    }

    [Fact]
    public async Task UpstreamError_CachedBrieflyNeverAsSuccess()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1).WithTitle("down")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("boom"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await ImageProxyHost.StartAsync(o => o.ErrorTtl = TimeSpan.FromSeconds(30), clock);
        var key = host.Register(upstream.ServiceId).Key;
        var url = $"/iiif/image/{key}/full/max/0/default.jpg";

        Assert.Equal(HttpStatusCode.BadGateway, (await host.Client.GetStatusAsync(url)).Status);
        Assert.Equal(HttpStatusCode.BadGateway, (await host.Client.GetStatusAsync(url)).Status);
        Assert.Equal(1, upstream.ImageRequests);
        // Only info.json is on disk: the error never became a cached success.
        Assert.Single(Directory.EnumerateFiles(host.CacheDirectory, "*.bin", SearchOption.AllDirectories));

        var down = upstream.Server.Mappings.Single(m => m.Title == "down");
        upstream.Server.DeleteMapping(down.Guid);
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(upstream.ImageBody, await host.Client.GetOkAsync(url));
        Assert.Equal(2, upstream.ImageRequests);
    }

    [Fact]
    public async Task UpstreamNotFound_404()
    {
        using var upstream = new FakeImageService();
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher(FakeImageService.ImagePattern)).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetStatusAsync($"/iiif/image/{key}/full/max/0/default.jpg")).Status);
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
