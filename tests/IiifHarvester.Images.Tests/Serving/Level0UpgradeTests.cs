using System.Net;
using System.Text.Json.Nodes;
using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

/// <summary>Level 0 static tile sets (vips dzsave) served at level 2 by composing with libvips.</summary>
[Collection(UpstreamCollection.Name)]
public sealed class Level0UpgradeTests(UpstreamFixture fixture)
{
    public static TheoryData<string> Versions => new() { "v2", "v3" };

    private string ServiceId(string version) => version == "v3" ? fixture.Upstream.Level0V3ServiceId : fixture.Upstream.Level0V2ServiceId;

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Info_Level0Upstream_AdvertisesLevel2(string version)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(ServiceId(version)).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{key}/info.json");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (version == "v3")
        {
            Assert.Equal("level2", (string?)json["profile"]);
            Assert.Equal($"{host.BaseUrl}/iiif/image/{key}", (string?)json["id"]);
            Assert.Contains("level2.json", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
            Assert.StartsWith("application/ld+json", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.Contains("profile=\"http://iiif.io/api/image/3/context.json\"", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("http://iiif.io/api/image/2/level2.json", (string?)json["profile"]![0]);
            Assert.Equal($"{host.BaseUrl}/iiif/image/{key}", (string?)json["@id"]);
        }

        Assert.NotNull(json["tiles"]);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Image_ArbitraryRegionAsPng_ComposedWithTheGridsColours(string version)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(ServiceId(version)).Key;
        var size = version == "v3" ? "300,200" : "300,";
        var bytes = await host.Client.GetOkAsync($"/iiif/image/{key}/150,150,300,200/{size}/0/default.png");
        Assert.Equal((300, 200), GridImage.SizeOf(bytes));
        // Sample inside squares (away from the 100 px borders): region offset (150,150).
        foreach (var (x, y) in new[] { (160, 160), (240, 240), (360, 180), (440, 340), (260, 330) })
        {
            Assert.True(GridImage.Close(GridImage.Expected(x, y), GridImage.At(bytes, x - 150, y - 150)), $"colour at {x},{y}");
        }

        Assert.Equal(1, host.Statistics.Compositions);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Image_FullMaxAndHalf_ComposedFromTilesAcrossScaleFactors(string version)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(ServiceId(version)).Key;
        var full = await host.Client.GetOkAsync($"/iiif/image/{key}/full/max/0/default.jpg");
        var half = await host.Client.GetOkAsync($"/iiif/image/{key}/full/pct:50/0/default.jpg");
        Assert.Equal((1000, 1000), GridImage.SizeOf(full));
        Assert.Equal((500, 500), GridImage.SizeOf(half));
        for (var y = 50; y < 1000; y += 100)
        {
            for (var x = 50; x < 1000; x += 100)
            {
                Assert.True(GridImage.Close(GridImage.Expected(x, y), GridImage.At(full, x, y)), $"full at {x},{y}");
                Assert.True(GridImage.Close(GridImage.Expected(x, y), GridImage.At(half, x / 2, y / 2)), $"half at {x},{y}");
            }
        }
    }

    [Fact]
    public async Task Image_MirroredRotatedGray_AppliedInSpecOrder()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.Level0V3ServiceId).Key;
        var bytes = await host.Client.GetOkAsync($"/iiif/image/{key}/0,0,400,200/400,200/!90/gray.png");
        Assert.Equal((200, 400), GridImage.SizeOf(bytes));
        // Mirror then rotate 90° clockwise: the region's top-left square lands at the bottom-right.
        var expected = GridImage.Expected(50, 50);
        var gray = (int)Math.Round((0.2126 * expected.R) + (0.7152 * expected.G) + (0.0722 * expected.B));
        var actual = GridImage.At(bytes, 150, 350);
        Assert.Equal(actual.R, actual.G);
        Assert.InRange(actual.R, gray - 45, gray + 45);
    }

    [Fact]
    public async Task Image_UpscaledAndArbitraryRotation_Served()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.Level0V3ServiceId).Key;
        var up = await host.Client.GetOkAsync($"/iiif/image/{key}/0,0,100,100/^300,/0/default.jpg");
        Assert.Equal((300, 300), GridImage.SizeOf(up));
        Assert.True(GridImage.Close(GridImage.Expected(50, 50), GridImage.At(up, 150, 150)));
        var rotated = await host.Client.GetOkAsync($"/iiif/image/{key}/full/100,/45/default.png");
        Assert.True(GridImage.SizeOf(rotated).Width > 140);
    }

    [Fact]
    public async Task Image_ListedTile_PassedThroughNotComposed()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.Level0V3ServiceId).Key;
        var tile = await host.Client.GetOkAsync($"/iiif/image/{key}/256,256,256,256/256,256/0/default.jpg");
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(fixture.Upstream.StaticDirectory, "l0v3", "256,256,256,256", "256,256", "0", "default.jpg")), tile);
        Assert.Equal(0, host.Statistics.Compositions);
    }

    [Fact]
    public async Task Image_ComposedTwice_PiecesAndResultCached()
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.Level0V3ServiceId).Key;
        await host.Client.GetOkAsync($"/iiif/image/{key}/100,100,300,300/150,150/0/default.jpg");
        var upstream = host.Statistics.UpstreamRequests;
        // A different region needing the same scale-2 tile: no upstream request.
        await host.Client.GetOkAsync($"/iiif/image/{key}/120,120,300,300/150,150/0/default.jpg");
        await host.Client.GetOkAsync($"/iiif/image/{key}/100,100,300,300/150,150/0/default.jpg");
        Assert.Equal(upstream, host.Statistics.UpstreamRequests);
        Assert.Equal(2, host.Statistics.Compositions);
    }

    [Fact]
    public async Task UpgradeOff_OtherRegion_501AndLevel0Advertised()
    {
        await using var host = await ImageProxyHost.StartAsync(o => o.UpgradeLevel0 = false);
        var key = host.Register(fixture.Upstream.Level0V3ServiceId).Key;
        var json = JsonNode.Parse(await host.Client.GetOkAsync($"/iiif/image/{key}/info.json"))!;
        Assert.Equal("level0", (string?)json["profile"]);
        var (status, _) = await host.Client.GetStatusAsync($"/iiif/image/{key}/10,10,300,300/max/0/default.jpg");
        Assert.Equal(HttpStatusCode.NotImplemented, status);
        await host.Client.GetOkAsync($"/iiif/image/{key}/0,0,256,256/256,256/0/default.jpg");
    }
}
