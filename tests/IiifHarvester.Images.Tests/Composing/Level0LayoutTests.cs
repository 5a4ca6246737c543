using IiifHarvester.Images.Composing;
using IiifHarvester.Images.Info;
using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Composing;

public sealed class Level0LayoutTests
{
    private static ImageCapabilities Level0(ImageApiVersion version, bool compose)
        => ImageCapabilitiesBuilder.Build(
            new ImageInfo
            {
                Version = version,
                Id = "http://x/i",
                Width = 1000,
                Height = 1000,
                Level = 0,
                Tiles = [new TileSpec(256, 256, [1, 2])],
                Sizes = [new ImageSize(250, 250)],
            },
            version,
            compose,
            25_000_000);

    [Theory]
    [InlineData(ImageApiVersion.V3, "768,0,232,256/232,256/0/default.jpg", "768,0,232,256/232,256/0/default.jpg")]
    [InlineData(ImageApiVersion.V3, "512,0,488,512/244,256/0/default.jpg", "512,0,488,512/244,256/0/default.jpg")]
    [InlineData(ImageApiVersion.V2, "512,0,488,512/244,/0/default.jpg", "512,0,488,512/244,/0/default.jpg")]
    [InlineData(ImageApiVersion.V3, "full/250,250/0/default.jpg", "full/250,250/0/default.jpg")]
    [InlineData(ImageApiVersion.V3, "0,0,256,256/max/0/default.jpg", "0,0,256,256/256,256/0/default.jpg")]
    public void NativePath_ListedTileOrSize_Matches(ImageApiVersion version, string request, string upstream)
        => Assert.Equal(upstream, Level0Layout.NativePath(Caps.Resolve(Level0(version, true), request), Level0(version, true)));

    [Theory]
    [InlineData("10,0,256,256/256,256/0/default.jpg")]
    [InlineData("0,0,256,256/128,128/0/default.jpg")]
    [InlineData("0,0,256,256/256,256/90/default.jpg")]
    [InlineData("0,0,256,256/256,256/0/default.png")]
    public void NativePath_Other_Null(string request)
        => Assert.Null(Level0Layout.NativePath(Caps.Resolve(Level0(ImageApiVersion.V3, true), request), Level0(ImageApiVersion.V3, true)));

    [Fact]
    public void Resolve_Level0NotUpgradedOtherRegion_Throws501()
        => Assert.Equal(501, Assert.Throws<ImageRequestException>(() => Caps.Resolve(Level0(ImageApiVersion.V3, false), "10,10,100,100/max/0/default.jpg")).StatusCode);

    [Fact]
    public void Plan_RegionAtHalfResolution_UsesScale2Tiles()
    {
        var caps = Level0(ImageApiVersion.V3, true);
        var plan = Level0Layout.Plan(Caps.Resolve(caps, "100,100,800,600/400,300/0/default.jpg"), caps, 100);
        // Scale 2: tiles span 512 px; the region 100..900 × 100..700 needs columns 0-1 and rows 0-1.
        Assert.Equal(4, plan.Pieces.Count);
        Assert.Contains(plan.Pieces, p => p.UpstreamPath == "512,512,488,488/244,244/0/default.jpg");
        Assert.Equal((50d, 50d, 400d, 300d), (plan.CropLeft, plan.CropTop, plan.CropWidth, plan.CropHeight));
    }

    [Fact]
    public void Plan_FullRegionSmall_UsesListedSize()
    {
        var caps = Level0(ImageApiVersion.V3, true);
        var plan = Level0Layout.Plan(Caps.Resolve(caps, "full/200,/0/default.jpg"), caps, 100);
        Assert.Equal("full/250,250/0/default.jpg", Assert.Single(plan.Pieces).UpstreamPath);
    }

    [Fact]
    public void Plan_TooManyTiles_Throws400()
        => Assert.Equal(400, Assert.Throws<ImageRequestException>(() =>
            Level0Layout.Plan(Caps.Resolve(Level0(ImageApiVersion.V3, true), "full/max/0/default.png"), Level0(ImageApiVersion.V3, true), 3)).StatusCode);
}
