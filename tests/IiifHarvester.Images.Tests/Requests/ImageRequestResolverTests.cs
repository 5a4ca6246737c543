using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Images.Tests.Requests;

public sealed class ImageRequestResolverTests
{
    [Theory]
    // 3.0 canonical form (§4.7): region full or x,y,w,h; size max or w,h; integer rotation; explicit format.
    [InlineData("full/max/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("full/pct:50/0/default.jpg", "full/500,500/0/default.jpg")]
    [InlineData("full/500,/0/default.jpg", "full/500,500/0/default.jpg")]
    [InlineData("full/,500/0/default.jpg", "full/500,500/0/default.jpg")]
    [InlineData("full/!500,800/0/default.jpg", "full/500,500/0/default.jpg")]
    [InlineData("full/500,500/0/default.jpg", "full/500,500/0/default.jpg")]
    [InlineData("full/1000,1000/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("full/pct:100/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("0,0,1000,1000/max/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("pct:0,0,100,100/max/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("square/max/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("pct:10,20,30,40/max/0/default.jpg", "100,200,300,400/max/0/default.jpg")]
    [InlineData("900,900,500,500/max/0/default.jpg", "900,900,100,100/max/0/default.jpg")]
    [InlineData("0,0,200,100/^300,/0/default.jpg", "0,0,200,100/^300,150/0/default.jpg")]
    [InlineData("full/^max/0/default.jpg", "full/max/0/default.jpg")]
    [InlineData("full/^pct:200/0/default.jpg", "full/^2000,2000/0/default.jpg")]
    [InlineData("full/200,100/0/default.jpg", "full/200,100/0/default.jpg")]
    [InlineData("full/max/90.0/default.jpg", "full/max/90/default.jpg")]
    [InlineData("full/max/22.50/default.jpg", "full/max/22.5/default.jpg")]
    [InlineData("full/max/!0/color.png", "full/max/!0/color.png")]
    [InlineData("full/max/360/default.jpg", "full/max/0/default.jpg")]
    public void Resolve_V3Forms_CanonicalPath(string request, string canonical)
        => Assert.Equal(canonical, Caps.Resolve(Caps.Level2(ImageApiVersion.V3), request).CanonicalPath);

    [Theory]
    // 2.1 canonical form (§4.7): size full, w, when the aspect ratio is kept, w,h when distorted.
    [InlineData("full/full/0/default.jpg", "full/full/0/default.jpg")]
    [InlineData("full/max/0/default.jpg", "full/full/0/default.jpg")]
    [InlineData("full/pct:50/0/default.jpg", "full/500,/0/default.jpg")]
    [InlineData("full/500,500/0/default.jpg", "full/500,/0/default.jpg")]
    [InlineData("full/,500/0/default.jpg", "full/500,/0/default.jpg")]
    [InlineData("full/!500,800/0/default.jpg", "full/500,/0/default.jpg")]
    [InlineData("full/500,250/0/default.jpg", "full/500,250/0/default.jpg")]
    [InlineData("square/full/0/default.jpg", "full/full/0/default.jpg")]
    [InlineData("pct:50,50,50,50/pct:50/!90/gray.png", "500,500,500,500/250,/!90/gray.png")]
    [InlineData("full/pct:150/0/default.jpg", "full/1500,/0/default.jpg")]
    public void Resolve_V2Forms_CanonicalPath(string request, string canonical)
        => Assert.Equal(canonical, Caps.Resolve(Caps.Level2(ImageApiVersion.V2), request).CanonicalPath);

    [Fact]
    public void Resolve_SquareOnWideImage_CentredSquare()
    {
        var r = Caps.Resolve(Caps.Level2(ImageApiVersion.V3, 1200, 700), "square/max/0/default.jpg");
        Assert.Equal("250,0,700,700/max/0/default.jpg", r.CanonicalPath);
    }

    [Fact]
    public void Resolve_PercentAndPixelsMeaningTheSame_ShareOneCanonicalPath()
    {
        var caps = Caps.Level2(ImageApiVersion.V3, 1200, 700);
        var a = Caps.Resolve(caps, "pct:25,0,50,100/pct:50/0/default.jpg");
        var b = Caps.Resolve(caps, "300,0,600,700/300,350/0/default.jpg");
        var c = Caps.Resolve(caps, "300,0,600,700/!300,900/0/default.jpg");
        Assert.Equal(a.CanonicalPath, b.CanonicalPath);
        Assert.Equal(a.CanonicalPath, c.CanonicalPath);
    }

    [Theory]
    [InlineData("1000,0,10,10/max/0/default.jpg")] // entirely outside
    [InlineData("0,1000,10,10/max/0/default.jpg")]
    [InlineData("pct:99.99,0,0.001,10/max/0/default.jpg")] // rounds to zero width
    [InlineData("0,0,200,100/400,/0/default.jpg")] // larger than the region without ^ (3.0)
    [InlineData("full/pct:150/0/default.jpg")]
    [InlineData("full/1001,1000/0/default.jpg")]
    [InlineData("full/pct:0.01/0/default.jpg")]
    public void Resolve_V3OutOfBounds_Throws400(string request)
        => Assert.Equal(400, Assert.Throws<ImageRequestException>(() => Caps.Resolve(Caps.Level2(ImageApiVersion.V3), request)).StatusCode);

    [Fact]
    public void Resolve_OverMaxWidth_Throws400()
        => Assert.Equal(400, Assert.Throws<ImageRequestException>(() => Caps.Resolve(Caps.Level2(ImageApiVersion.V3, maxWidth: 800), "full/900,/0/default.jpg")).StatusCode);

    [Fact]
    public void Resolve_MaxUnderMaxWidth_ScaledToTheLimit()
    {
        var r = Caps.Resolve(Caps.Level2(ImageApiVersion.V3, 1000, 500, maxWidth: 800), "full/max/0/default.jpg");
        Assert.Equal((800, 400), (r.Width, r.Height));
        Assert.Equal("full/max/0/default.jpg", r.CanonicalPath);
    }

    [Fact]
    public void Resolve_UpscaleWhereUnsupported_Throws501()
    {
        var caps = Caps.Level2(ImageApiVersion.V3, upscaling: false);
        Assert.Equal(501, Assert.Throws<ImageRequestException>(() => Caps.Resolve(caps, "full/^1200,/0/default.jpg")).StatusCode);
        var caps2 = Caps.Level2(ImageApiVersion.V2, upscaling: false);
        Assert.Equal(501, Assert.Throws<ImageRequestException>(() => Caps.Resolve(caps2, "full/1200,/0/default.jpg")).StatusCode);
    }

    [Fact]
    public void Resolve_ConfinedWithoutUpscale_StaysWithinRegion()
    {
        var r = Caps.Resolve(Caps.Level2(ImageApiVersion.V3), "0,0,200,100/!1000,1000/0/default.jpg");
        Assert.Equal((200, 100), (r.Width, r.Height));
        var up = Caps.Resolve(Caps.Level2(ImageApiVersion.V3), "0,0,200,100/^!1000,1000/0/default.jpg");
        Assert.Equal((1000, 500), (up.Width, up.Height));
    }

    [Theory]
    [InlineData("full/max/45/default.jpg")] // rotationArbitrary
    [InlineData("full/max/90/default.jpg")] // rotationBy90s (level 1 lacks it)
    [InlineData("full/max/!0/default.jpg")] // mirroring
    public void Resolve_Level1UnsupportedFeature_Throws501(string request)
        => Assert.Equal(501, Assert.Throws<ImageRequestException>(() => Caps.Resolve(Caps.Level1(ImageApiVersion.V3), request)).StatusCode);

    [Theory]
    [InlineData("full/max/0/gray.jpg")]
    [InlineData("full/max/0/default.png")]
    [InlineData("full/max/0/default.pdf")]
    public void Resolve_Level1UnsupportedQualityOrFormat_Throws400(string request)
        => Assert.Equal(400, Assert.Throws<ImageRequestException>(() => Caps.Resolve(Caps.Level1(ImageApiVersion.V3), request)).StatusCode);

    [Theory]
    // Forms level 1 lacks (regionByPct, sizeByPct, regionSquare, sizeByConfinedWh), canonicalised into ones it has.
    [InlineData("pct:10,10,50,50/pct:50/0/default.jpg", "100,100,500,500/250,250/0/default.jpg")]
    [InlineData("square/!100,100/0/default.jpg", "full/100,100/0/default.jpg")]
    public void Resolve_Level1FormsWeCanonicalise_Accepted(string request, string canonical)
        => Assert.Equal(canonical, Caps.Resolve(Caps.Level1(ImageApiVersion.V3), request).CanonicalPath);
}
