using System.Text;
using System.Text.Json.Nodes;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;
using Xunit;

namespace IiifHarvester.Images.Tests.Info;

public sealed class ImageInfoTests
{
    private const string Info3 = """
        {
          "@context": "http://iiif.io/api/image/3/context.json",
          "id": "https://upstream.example.org/iiif/abc",
          "type": "ImageService3",
          "protocol": "http://iiif.io/api/image",
          "profile": "level0",
          "width": 1000, "height": 800,
          "maxWidth": 2000,
          "tiles": [{ "type": "Tile", "width": 512, "scaleFactors": [1, 2, 4] }],
          "sizes": [{ "type": "Size", "width": 250, "height": 200 }],
          "rights": "http://creativecommons.org/licenses/by/4.0/",
          "service": [{ "id": "https://upstream.example.org/login", "type": "AuthAccessService2", "profile": "active" }]
        }
        """;

    private const string Info2 = """
        {
          "@context": "http://iiif.io/api/image/2/context.json",
          "@id": "https://upstream.example.org/iiif/def",
          "protocol": "http://iiif.io/api/image",
          "width": 1000, "height": 1000,
          "profile": ["http://iiif.io/api/image/2/level1.json", { "formats": ["jpg"], "qualities": ["native", "gray"], "supports": ["sizeAboveFull", "mirroring", "sizeByForcedWh"], "maxWidth": 5000 }],
          "attribution": "Provided by Example Library",
          "license": "https://rightsstatements.org/vocab/InC/1.0/",
          "logo": "https://upstream.example.org/logo.png"
        }
        """;

    [Fact]
    public void Parse_V3_ReadsLevelTilesSizesLimitsAuth()
    {
        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(Info3));
        Assert.Equal(ImageApiVersion.V3, info.Version);
        Assert.Equal((1000, 800, 0), (info.Width, info.Height, info.Level));
        Assert.Equal(2000, info.MaxWidth);
        var tile = Assert.Single(info.Tiles);
        Assert.Equal((512, 512), (tile.Width, tile.Height));
        Assert.Equal([1, 2, 4], tile.ScaleFactors);
        Assert.Equal(new ImageSize(250, 200), Assert.Single(info.Sizes));
        Assert.True(info.HasAuthServices);
    }

    [Fact]
    public void Parse_V2_MapsFeatureNamesAndNative()
    {
        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(Info2));
        Assert.Equal(ImageApiVersion.V2, info.Version);
        Assert.Equal(1, info.Level);
        Assert.Contains("sizeUpscaling", info.ExtraFeatures);
        Assert.Contains("sizeByDistortedWh", info.ExtraFeatures);
        Assert.Contains("default", info.ExtraQualities);
        Assert.Equal(5000, info.MaxWidth);
        Assert.False(info.HasAuthServices);
    }

    [Fact]
    public void Parse_V11TileWidthHeightAndScaleFactors_AreReadAsTiles()
    {
        // Image API 1.1 as in openseadragon's test/data/iiif_1_1_tiled/info.json: one tile size, no "tiles".
        const string json = """
            {"profile": "http://library.stanford.edu/iiif/image-api/1.1/compliance.html#level2", "scale_factors": [1, 2, 4, 8, 16, 32],
             "tile_height": 256, "height": 1024, "width": 775, "tile_width": 256, "qualities": ["native", "bitonal", "grey", "color"],
             "formats": ["jpg", "png", "gif"], "@context": "http://library.stanford.edu/iiif/image-api/1.1/context.json", "@id": "http://localhost:8000/test/data/iiif_1_1_tiled"}
            """;

        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(json));

        var tile = Assert.Single(info.Tiles);
        Assert.Equal((256, 256), (tile.Width, tile.Height));
        Assert.Equal([1, 2, 4, 8, 16, 32], tile.ScaleFactors);
    }

    [Fact]
    public void Parse_V11TopLevelQualitiesAndFormats_ReadIn2xNames()
    {
        // Image API 1.1 §5 lists qualities and formats at the top, with native for default and grey for gray.
        const string json = """
            {"@context": "http://library.stanford.edu/iiif/image-api/1.1/context.json", "@id": "http://example.org/iiif/a",
             "width": 775, "height": 1024, "formats": ["jpg", "png", "gif"], "qualities": ["native", "bitonal", "grey", "color"],
             "profile": "http://library.stanford.edu/iiif/image-api/1.1/compliance.html#level1"}
            """;

        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.True(info.Version1);
        Assert.Equal(1, info.Level);
        Assert.Equal(["bitonal", "color", "default", "gray"], info.ExtraQualities.Order(StringComparer.Ordinal));
        Assert.Equal(["gif", "jpg", "png"], info.ExtraFormats.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_V2Info_IsNotVersion1()
        => Assert.False(ImageInfoParser.Parse(Encoding.UTF8.GetBytes("""
            {"@context": "http://iiif.io/api/image/2/context.json", "@id": "http://example.org/iiif/a", "width": 10, "height": 10,
             "profile": ["http://iiif.io/api/image/2/level1.json"]}
            """)).Version1);

    [Fact]
    public void Rewrite_V11Info_IsWrittenAfreshIn2xWithItsTiles()
    {
        // Image API 1.1 as in openseadragon's test/data/iiif_1_1_tiled/info.json. Left in its 1.1 context, OpenSeadragon
        // asked us for native.jpg, which 2.x does not know.
        const string json = """
            {"profile": "http://library.stanford.edu/iiif/image-api/1.1/compliance.html#level2", "scale_factors": [1, 2, 4, 8],
             "tile_height": 256, "height": 1024, "width": 775, "tile_width": 256, "qualities": ["native", "bitonal", "grey", "color"],
             "formats": ["jpg", "png", "gif"], "@context": "http://library.stanford.edu/iiif/image-api/1.1/context.json", "@id": "http://localhost:8000/test/data/iiif_1_1_tiled"}
            """;
        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(json));
        var caps = ImageCapabilitiesBuilder.Build(info, info.Version, upgradeLevel0: true, 25_000_000);

        var rewritten = JsonNode.Parse(ImageInfoRewriter.Rewrite(Encoding.UTF8.GetBytes(json), "https://us.example/iiif/image/k", caps))!.AsObject();

        Assert.Equal("http://iiif.io/api/image/2/context.json", (string?)rewritten["@context"]);
        Assert.Equal("http://iiif.io/api/image", (string?)rewritten["protocol"]);
        Assert.Equal("http://iiif.io/api/image/2/level2.json", (string?)rewritten["profile"]![0]);
        Assert.DoesNotContain("native", rewritten.ToJsonString(), StringComparison.Ordinal);
        Assert.False(rewritten.ContainsKey("tile_width"));
        Assert.False(rewritten.ContainsKey("scale_factors"));
        var tile = Assert.Single(rewritten["tiles"]!.AsArray())!;
        Assert.Equal(256, (int?)tile["width"]);
        Assert.Equal(256, (int?)tile["height"]);
        Assert.Equal([1, 2, 4, 8], tile["scaleFactors"]!.AsArray().Select(f => (int)f!));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"@context\":\"http://iiif.io/api/image/3/context.json\",\"id\":\"x\"}")]
    [InlineData("{\"@context\":\"http://iiif.io/api/image/3/context.json\",\"id\":\"x\",\"width\":-1,\"height\":5}")]
    [InlineData("{\"@context\":\"http://iiif.io/api/image/3/context.json\",\"id\":\"x\",\"width\":\"wide\",\"height\":5}")]
    public void Parse_Malformed_ThrowsFormatException(string json)
        => Assert.Throws<FormatException>(() => ImageInfoParser.Parse(Encoding.UTF8.GetBytes(json)));

    [Fact]
    public void ParseAndRewrite_InfoThatRepeatsANameTwice_TakeTheLastValueAsBrowsersDo()
    {
        // An upstream that names "width" and "id" twice: the rewrite threw ArgumentException (not FormatException).
        var json = Info2.Replace("\"width\": 1000,", "\"width\": 10, \"id\": \"https://upstream.example.org/old\", \"width\": 1000, \"id\": \"https://upstream.example.org/def\",", StringComparison.Ordinal);

        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(json));
        var caps = ImageCapabilitiesBuilder.Build(info, info.Version, upgradeLevel0: true, 25_000_000);
        var rewritten = JsonNode.Parse(ImageInfoRewriter.Rewrite(Encoding.UTF8.GetBytes(json), "https://us.example/iiif/image/k", caps))!.AsObject();

        Assert.Equal(1000, info.Width);
        Assert.Equal(1000, (int?)rewritten["width"]);
        Assert.Equal("https://us.example/iiif/image/k", (string?)rewritten["@id"]);
        Assert.Null(rewritten["id"]);
    }

    [Fact]
    public void Rewrite_V2_IdIsOursAndAttributionKept()
    {
        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(Info2));
        var caps = ImageCapabilitiesBuilder.Build(info, info.Version, upgradeLevel0: true, 25_000_000);
        var rewritten = JsonNode.Parse(ImageInfoRewriter.Rewrite(Encoding.UTF8.GetBytes(Info2), "https://us.example/iiif/image/k", caps))!.AsObject();
        Assert.Equal("https://us.example/iiif/image/k", (string?)rewritten["@id"]);
        Assert.Equal("Provided by Example Library", (string?)rewritten["attribution"]);
        Assert.Equal("https://rightsstatements.org/vocab/InC/1.0/", (string?)rewritten["license"]);
        Assert.Equal("https://upstream.example.org/logo.png", (string?)rewritten["logo"]);
        // Level 1 upstream: served at level 2, what it cannot do made locally.
        Assert.Equal("http://iiif.io/api/image/2/level2.json", (string?)rewritten["profile"]![0]);
    }

    [Fact]
    public void Rewrite_V3Level0Upgraded_AdvertisesLevel2AndKeepsRights()
    {
        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(Info3));
        var caps = ImageCapabilitiesBuilder.Build(info, info.Version, upgradeLevel0: true, 25_000_000);
        var rewritten = JsonNode.Parse(ImageInfoRewriter.Rewrite(Encoding.UTF8.GetBytes(Info3), "https://us.example/iiif/image/k", caps))!.AsObject();
        Assert.Equal("https://us.example/iiif/image/k", (string?)rewritten["id"]);
        Assert.Equal("level2", (string?)rewritten["profile"]);
        Assert.Equal(25_000_000, (long?)rewritten["maxArea"]);
        Assert.Equal(2000, (int?)rewritten["maxWidth"]); // the upstream's own limit still holds
        Assert.Contains("sizeUpscaling", rewritten["extraFeatures"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("http://creativecommons.org/licenses/by/4.0/", (string?)rewritten["rights"]);
        Assert.NotNull(rewritten["service"]);
        Assert.NotNull(rewritten["tiles"]);
    }

    [Fact]
    public void Rewrite_V3Level0NotUpgraded_StaysLevel0()
    {
        var info = ImageInfoParser.Parse(Encoding.UTF8.GetBytes(Info3));
        var caps = ImageCapabilitiesBuilder.Build(info, info.Version, upgradeLevel0: false, 25_000_000);
        var rewritten = JsonNode.Parse(ImageInfoRewriter.Rewrite(Encoding.UTF8.GetBytes(Info3), "https://us.example/iiif/image/k", caps))!.AsObject();
        Assert.Equal("level0", (string?)rewritten["profile"]);
        Assert.Equal(2000, (int?)rewritten["maxWidth"]);
    }
}
