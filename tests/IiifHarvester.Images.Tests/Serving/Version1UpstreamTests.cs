using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Tests.Fixtures;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Images.Tests.Serving;

/// <summary>
/// An upstream that speaks only Image API 1.1 (old Loris, IIPImage and djatoka deployments still do): it takes 2.x's
/// region, size and rotation forms, but knows the image as it is as <c>native</c> and gray as <c>grey</c>, and refuses
/// <c>default</c> and <c>gray</c> with a 400. Our clients ask in 2.x or 3.0 and get the image.
/// </summary>
public sealed class Version1UpstreamTests
{
    public static TheoryData<string> Versions => ["2", "3"];

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Image_DefaultQualityFromA11Upstream_AskedForAsNative(string version)
    {
        using var upstream = Upstream11(level: 1, qualities: """["native"]""");
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        var body = await host.Client.GetOkAsync($"/iiif/image/{version}/{key}/0,0,500,500/100,/0/default.jpg");

        Assert.Equal(upstream.ImageBody, body);
        Assert.Equal(["/iiif/img/0,0,500,500/100,/0/native.jpg"], ImagePaths(upstream));
    }

    [Fact]
    public async Task Image_GrayFromA11Upstream_AskedForAsGrey()
    {
        using var upstream = Upstream11(level: 2, qualities: """["native", "grey", "bitonal", "color"]""");
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        var body = await host.Client.GetOkAsync($"/iiif/image/2/{key}/full/200,/0/gray.jpg");

        Assert.Equal(upstream.ImageBody, body);
        Assert.Equal(["/iiif/img/full/200,/0/grey.jpg"], ImagePaths(upstream));
    }

    [Fact]
    public async Task Image_PngFromA11UpstreamOfJpgOnly_MadeFromItsNativeJpg()
    {
        using var source = NetVips.Image.Black(100, 100, bands: 3);
        using var upstream = Upstream11(level: 1, qualities: """["native"]""", imageBody: source.JpegsaveBuffer());
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        var body = await host.Client.GetOkAsync($"/iiif/image/3/{key}/full/100,/0/default.png");

        Assert.Equal((100, 100), GridImage.SizeOf(body));
        Assert.Equal(0x89, body[0]);
        Assert.Equal(["/iiif/img/full/100,/0/native.jpg"], ImagePaths(upstream));
    }

    [Fact]
    public async Task Image_TileOfA11Level0Upstream_AskedForAsItsNativeTile()
    {
        using var upstream = Upstream11(level: 0, qualities: """["native"]""", tiles: """, "tile_width": 256, "tile_height": 256, "scale_factors": [1, 2, 4]""");
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        await host.Client.GetOkAsync($"/iiif/image/2/{key}/0,0,512,512/256,/0/default.jpg");

        Assert.Equal(["/iiif/img/0,0,512,512/256,/0/native.jpg"], ImagePaths(upstream));
    }

    [Theory]
    [InlineData("2", "full/250,/0/default.jpg")]
    [InlineData("3", "full/250,250/0/default.jpg")]
    [InlineData("2", "full/100,/0/default.jpg")]
    public async Task Image_WholeImageTileOfA11Level0Upstream_AskedForAsFullRegion(string version, string path)
    {
        // A 1.1 level 0 tile set as zimeon's iiif/static.py writes it: static_partial_tile_sizes skips ("avoid any
        // full-region tiles") the tile that covers the whole image and generate_tile('full', size) writes full/w,
        // instead; 1.1 has no sizes to list it by. Asked for as 0,0,1000,1000/250, it is a 404.
        using var upstream = Upstream11(level: 0, qualities: """["native"]""", tiles: """, "tile_width": 256, "tile_height": 256, "scale_factors": [1, 2, 4]""");
        upstream.Server.Given(Request.Create().WithPath(new RegexMatcher("^/iiif/img/0,0,1000,1000/")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(404));
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        await host.Client.GetOkAsync($"/iiif/image/{version}/{key}/{path}");

        Assert.Equal(["/iiif/img/full/250,/0/native.jpg"], ImagePaths(upstream));
    }

    [Fact]
    public async Task Image_From10UpstreamNamedByIdentifier_AskedForAsNative()
    {
        // Image API 1.0 §5, as its own example and openseadragon's test/data/iiif_1_0_files/info.json: no @context and no
        // @id, the image named by "identifier". It was refused as having no id, so the image was never served.
        using var upstream = new FakeImageService(infoJson: "{}");
        ServeInfo(upstream, """
            {
              "identifier": "1E34750D-38DB-4825-A38A-B60A345E591C",
              "width": 1000,
              "height": 1000,
              "formats": ["jpg", "png"],
              "qualities": ["native", "grey"],
              "profile": "http://library.stanford.edu/iiif/image-api/compliance.html#level1"
            }
            """);
        RefuseVersion2Qualities(upstream);
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        var info = await host.Client.GetOkAsync($"/iiif/image/3/{key}/info.json");
        await host.Client.GetOkAsync($"/iiif/image/2/{key}/0,0,500,500/100,/0/default.jpg");

        Assert.Contains("ImageService3", System.Text.Encoding.UTF8.GetString(info), StringComparison.Ordinal);
        Assert.Equal(["/iiif/img/0,0,500,500/100,/0/native.jpg"], ImagePaths(upstream));
    }

    [Theory]
    [InlineData("2", "0,0,500,500/100,/90/default.jpg", "0,0,500,500/100,/90/native.jpg")]
    [InlineData("3", "full/200,200/270/default.jpg", "full/200,/270/native.jpg")]
    public async Task Image_RotatedBy90sFromA11Level1Upstream_AskedForRotated(string version, string path, string expected)
    {
        // Image API 1.1 compliance §2: level 1 takes rotations 0, 90, 180, 270 (Cantaloupe resource/iiif/v1/Rotation.java
        // takes any 0 ≤ degrees ≤ 360); read by 2.x's table, where they are level 2, it was fetched unrotated and turned here.
        using var source = NetVips.Image.Black(100, 100, bands: 3);
        using var upstream = Upstream11(level: 1, qualities: """["native"]""", imageBody: source.JpegsaveBuffer());
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        await host.Client.GetOkAsync($"/iiif/image/{version}/{key}/{path}");

        Assert.Equal(["/iiif/img/" + expected], ImagePaths(upstream));
    }

    [Fact]
    public async Task Image_Version2Upstream_StillAskedForDefault()
    {
        using var upstream = new FakeImageService();
        ServeInfo(upstream, $$"""
            {
              "@context": "http://iiif.io/api/image/2/context.json",
              "@id": "{{upstream.ServiceId}}",
              "protocol": "http://iiif.io/api/image",
              "width": 1000,
              "height": 1000,
              "profile": ["http://iiif.io/api/image/2/level1.json"]
            }
            """);
        await using var host = await ImageProxyHost.StartAsync();
        var key = host.Register(upstream.ServiceId).Key;

        await host.Client.GetOkAsync($"/iiif/image/2/{key}/full/100,/0/default.jpg");

        Assert.Equal(["/iiif/img/full/100,/0/default.jpg"], ImagePaths(upstream));
    }

    [Theory]
    [InlineData("full/100,/0/default.jpg", "full/100,/0/native.jpg")]
    [InlineData("0,0,10,10/full/90/gray.png", "0,0,10,10/full/90/grey.png")]
    [InlineData("full/full/0/bitonal.jpg", "full/full/0/bitonal.jpg")]
    [InlineData("full/full/0/color.jpg", "full/full/0/color.jpg")]
    [InlineData("info.json", "info.json")]
    [InlineData("full/full/0/default", "full/full/0/native")]
    public void FromVersion2_RenamesOnlyTheQualities1xNamesOtherwise(string path, string expected)
        => Assert.Equal(expected, Version1Paths.FromVersion2(path));

    [Theory]
    [InlineData("0,0,1000,800/250,/0/default.jpg", "full/250,/0/native.jpg")]
    [InlineData("0,0,1000,799/250,/0/default.jpg", "0,0,1000,799/250,/0/native.jpg")]
    [InlineData("0,0,100,800/25,/0/default.jpg", "0,0,100,800/25,/0/native.jpg")]
    [InlineData("full/full/0/gray.png", "full/full/0/grey.png")]
    public void FromVersion2_OfAnImage_NamesTheWholeImageFull(string path, string expected)
        => Assert.Equal(expected, Version1Paths.FromVersion2(path, 1000, 800));

    private static FakeImageService Upstream11(int level, string qualities, string tiles = "", byte[]? imageBody = null)
    {
        var upstream = new FakeImageService(infoJson: "{}", imageBody: imageBody);
        var info = $$"""
            {
              "@context": "http://library.stanford.edu/iiif/image-api/1.1/context.json",
              "@id": "{{upstream.ServiceId}}",
              "width": 1000,
              "height": 1000,
              "formats": ["jpg"],
              "qualities": {{qualities}},
              "profile": "http://library.stanford.edu/iiif/image-api/1.1/compliance.html#level{{level}}"{{tiles}}
            }
            """;
        ServeInfo(upstream, info);
        RefuseVersion2Qualities(upstream);
        return upstream;
    }

    /// <summary>What a 1.x server says to 2.x quality names (Cantaloupe's resource/iiif/v1/Quality.java enum).</summary>
    private static void RefuseVersion2Qualities(FakeImageService upstream)
        => upstream.Server.Given(Request.Create().WithPath(new RegexMatcher("/(default|gray)\\.[a-z]+$")).UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("unsupported quality"));

    private static void ServeInfo(FakeImageService upstream, string info)
        => upstream.Server.Given(Request.Create().WithPath("/iiif/img/info.json").UsingGet()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(info));

    private static List<string> ImagePaths(FakeImageService upstream)
        => upstream.Server.LogEntries.Select(e => e.RequestMessage!.Path).Where(p => !p.EndsWith("/info.json", StringComparison.Ordinal)).ToList();
}
