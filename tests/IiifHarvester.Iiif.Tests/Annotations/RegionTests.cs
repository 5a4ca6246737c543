using IiifHarvester.Iiif.Annotations;
using Xunit;

namespace IiifHarvester.Iiif.Tests.Annotations;

public sealed class RegionTests
{
    [Fact]
    public void Select_WithARegion_AppendsItAsAnXywhFragmentInWholePixels() =>
        Assert.Equal("https://example.org/canvas/1#xywh=10,21,300,40", Region.Select("https://example.org/canvas/1", new Region(10.2, 20.6, 300, 40.4)));

    [Fact]
    public void Select_WithoutARegion_IsTheResourceAlone() =>
        Assert.Equal("https://example.org/canvas/1", Region.Select("https://example.org/canvas/1", null));
}
