using System.Net;
using System.Net.Http.Json;
using IiifHarvester.Images.Tests.Fixtures;
using IiifHarvester.Images.Warmup;
using IiifHarvester.Web.Images;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Images.Tests.Admin;

[Collection(UpstreamCollection.Name)]
public sealed class PurgeAndWarmTests(UpstreamFixture fixture)
{
    [Fact]
    public async Task Purge_WithoutOrWrongKey_Refused()
    {
        await using var host = await ImageProxyHost.StartAsync();
        using var none = await host.Client.PostAsync("/admin/images/purge?all=true", null);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/images/purge?all=true");
        wrong.Headers.Add("X-Admin-Key", "guess");
        using var wrongResponse = await host.Client.SendAsync(wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
    }

    [Fact]
    public async Task Purge_NoAdminKeyConfigured_Disabled()
    {
        await using var host = await ImageProxyHost.StartAsync(web: o => o.AdminKey = null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/images/purge?all=true");
        request.Headers.Add("X-Admin-Key", "");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Purge_KeySourceAll_RemovesAndRefetches()
    {
        using var a = new FakeImageService();
        using var b = new FakeImageService();
        await using var host = await ImageProxyHost.StartAsync();
        var keyA = host.Register(a.ServiceId, "src-a").Key;
        var keyB = host.Register(b.ServiceId, "src-b").Key;
        await host.Client.GetOkAsync($"/iiif/image/{keyA}/full/max/0/default.jpg");
        await host.Client.GetOkAsync($"/iiif/image/{keyB}/full/max/0/default.jpg");

        var byKey = await PurgeAsync(host, $"key={keyA}");
        Assert.Equal(2, byKey.Removed); // info.json and the image
        await host.Client.GetOkAsync($"/iiif/image/{keyA}/full/max/0/default.jpg");
        Assert.Equal(2, a.ImageRequests);

        Assert.Equal(2, (await PurgeAsync(host, "source=src-b")).Removed);
        Assert.Equal(2, (await PurgeAsync(host, "all=true")).Removed);
        Assert.Empty(Directory.EnumerateFiles(host.CacheDirectory, "*.bin", SearchOption.AllDirectories));

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/admin/images/purge");
        bad.Headers.Add("X-Admin-Key", "test-admin-key");
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.SendAsync(bad)).StatusCode);
    }

    [ImageServerFact]
    public async Task Warm_ThumbnailAndTiles_FillsCacheThenAllCached()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Registry.Register(fixture.Upstream.Level0V3ServiceId, "static", [fixture.Upstream.Authority], allowPrivateNetworks: true).Key;
        host.Registry.Register(fixture.Upstream.GridServiceId, "static", [fixture.Upstream.Authority], allowPrivateNetworks: true);
        var warmer = host.Services.GetRequiredService<IImageWarmer>();

        var first = await warmer.WarmAsync("static", ["thumbnail", "tiles"], CancellationToken.None);
        // l0v3: 16 tiles at scale 1 + 4 at scale 2 + thumbnail; grid (iipsrv 256 px tiles, scale 1,2,4): 16 + 4 + 1 + thumbnail; two info.json.
        Assert.Equal(2, first.Services);
        Assert.Equal(0, first.Failed);
        Assert.Equal(2 + 21 + 22, first.Requests);

        var upstream = host.Statistics.UpstreamRequests;
        var second = await warmer.WarmAsync("static", ["thumbnail", "tiles"], CancellationToken.None);
        Assert.Equal(second.Requests - 2, second.AlreadyCached);
        Assert.Equal(upstream, host.Statistics.UpstreamRequests);

        // A viewer asking a warmed tile is a hit: its info.json and the tile, nothing fetched.
        var hits = host.Statistics.Hits;
        await host.Client.GetOkAsync($"/iiif/image/{key}/512,512,488,488/244,244/0/default.jpg");
        Assert.Equal(hits + 2, host.Statistics.Hits);
        Assert.Equal(upstream, host.Statistics.UpstreamRequests);
    }

    private static async Task<PurgeResult> PurgeAsync(ImageProxyHost host, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/images/purge?" + query);
        request.Headers.Add("X-Admin-Key", "test-admin-key");
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<PurgeResult>())!;
    }
}
