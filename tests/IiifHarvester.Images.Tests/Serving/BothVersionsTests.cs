using System.Text.Json.Nodes;
using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

/// <summary>
/// Every upstream (Debian's iipsrv, Image API 2 level 1; level 0 tile sets in 2 and 3) served at level 2 in both
/// versions: <c>/iiif/image/3/{key}</c> answers 3.0, <c>/iiif/image/2/{key}</c> answers 2.1, and what the upstream
/// cannot do (PNG, 45° rotation, bitonal) is made locally.
/// </summary>
[Collection(UpstreamCollection.Name)]
public sealed class BothVersionsTests(UpstreamFixture fixture)
{
    public static TheoryData<string, string> Services => new()
    {
        { "iip", "3" }, { "iip", "2" }, { "l0v2", "3" }, { "l0v2", "2" }, { "l0v3", "3" }, { "l0v3", "2" },
    };

    private string ServiceId(string service) => service switch
    {
        "iip" => fixture.Upstream.GridServiceId,
        "l0v2" => fixture.Upstream.Level0V2ServiceId,
        _ => fixture.Upstream.Level0V3ServiceId,
    };

    [ImageServerTheory]
    [MemberData(nameof(Services))]
    public async Task Info_AskedVersion_Level2InThatVersionsTerms(string service, string version)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(ServiceId(service)).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{version}/{key}/info.json");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var id = $"{host.BaseUrl}/iiif/image/{version}/{key}";
        if (version == "3")
        {
            Assert.Equal("http://iiif.io/api/image/3/context.json", (string?)json["@context"]);
            Assert.Equal(id, (string?)json["id"]);
            Assert.Null(json["@id"]);
            Assert.Equal("ImageService3", (string?)json["type"]);
            Assert.Equal("level2", (string?)json["profile"]);
            Assert.Contains("rotationArbitrary", json["extraFeatures"]!.AsArray().Select(n => (string?)n));
            Assert.Contains("<http://iiif.io/api/image/3/level2.json>;rel=\"profile\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("http://iiif.io/api/image/2/context.json", (string?)json["@context"]);
            Assert.Equal(id, (string?)json["@id"]);
            Assert.Null(json["id"]);
            Assert.Equal("http://iiif.io/api/image/2/level2.json", (string?)json["profile"]![0]);
            Assert.Contains("png", json["profile"]![1]!["formats"]!.AsArray().Select(n => (string?)n));
        }

        Assert.Equal(1000, (int?)json["width"]);
        Assert.NotNull(json["tiles"]);
    }

    [ImageServerTheory]
    [MemberData(nameof(Services))]
    public async Task Image_PngRotated45_MadeLocallyInTheAskedVersion(string service, string version)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(ServiceId(service)).Key;
        var size = version == "3" ? "200,200" : "200,";
        using var response = await host.Client.GetAsync($"/iiif/image/{version}/{key}/100,100,400,400/{size}/45/default.png");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        // 200×200 turned 45°: the bounding box is 200·√2 on each side.
        var (w, h) = GridImage.SizeOf(body);
        Assert.InRange(w, 282, 284);
        Assert.InRange(h, 282, 284);
        var canonical = version == "3" ? "100,100,400,400/200,200/45/default.png" : "100,100,400,400/200,/45/default.png";
        Assert.Contains($"<{host.BaseUrl}/iiif/image/{version}/{key}/{canonical}>;rel=\"canonical\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [ImageServerTheory]
    [MemberData(nameof(Services))]
    public async Task Image_TileInEitherVersion_OneCacheEntryAndTheGridsColours(string service, string version)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(ServiceId(service)).Key;
        var other = version == "3" ? "2" : "3";
        var size3 = "256,256";
        var size2 = "256,";
        var first = await host.Client.GetOkAsync($"/iiif/image/{version}/{key}/256,256,256,256/{(version == "3" ? size3 : size2)}/0/default.jpg");
        using var second = await host.Client.GetAsync($"/iiif/image/{other}/{key}/256,256,256,256/{(other == "3" ? size3 : size2)}/0/default.jpg");
        Assert.Equal("IiifHarvester; hit", second.Headers.GetValues("Cache-Status").Single());
        Assert.Equal(first, await second.Content.ReadAsByteArrayAsync());
        Assert.True(GridImage.Close(GridImage.Expected(300, 300), GridImage.At(first, 44, 44)));
    }

    [ImageServerTheory]
    [InlineData("3", "full/max/0/bitonal.png", "image/png")]
    [InlineData("3", "full/^1200,/90/gray.webp", "image/webp")]
    [InlineData("3", "square/^max/!30/default.jpg", "image/jpeg")]
    [InlineData("2", "full/pct:150/0/bitonal.png", "image/png")]
    [InlineData("2", "full/!300,100/22.5/gray.gif", "image/gif")]
    [InlineData("2", "full/full/!0/default.tif", "image/tiff")]
    public async Task Image_BeyondIipsrv_MadeLocally(string version, string path, string mediaType)
    {
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        using var response = await host.Client.GetAsync($"/iiif/image/{version}/{key}/{path}");
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.IsSuccessStatusCode, System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(1, host.Statistics.Compositions);
    }

    [ImageServerTheory]
    [InlineData("3", "full/^max/0/default.jpg", 5000)]
    [InlineData("2", "full/max/0/default.jpg", 1000)]
    public async Task Image_UpscaledMax_BoundedByTheConfiguredArea(string version, string path, int expected)
    {
        // iipsrv says maxWidth 5000 and maxHeight 5000; our maxArea (4 MP here) bounds ^max further.
        await using var host = await ImageProxyHost.StartAsync(o => o.MaxComposedArea = 4_000_000);
        var key = host.Register(fixture.Upstream.GridServiceId).Key;
        var info = JsonNode.Parse(await host.Client.GetOkAsync($"/iiif/image/3/{key}/info.json"))!;
        Assert.Equal(4_000_000, (long?)info["maxArea"]);
        var body = await host.Client.GetOkAsync($"/iiif/image/{version}/{key}/{path}");
        var (w, h) = GridImage.SizeOf(body);
        Assert.Equal(expected == 5000 ? 2000 : expected, w);
        Assert.Equal(w, h);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await host.Client.GetStatusAsync($"/iiif/image/3/{key}/full/^2001,2001/0/default.jpg")).Status);
    }
}
