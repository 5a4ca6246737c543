using IiifHarvester.Iiif.Annotations;
using Xunit;

namespace IiifHarvester.Iiif.Tests.Annotations;

public sealed class MediaFragmentTests
{
    [Fact]
    public void Select_WithARegion_AppendsItAsAnXywhFragmentInWholePixels() =>
        Assert.Equal("https://example.org/canvas/1#xywh=10,21,300,40", MediaFragment.Select("https://example.org/canvas/1", new Region(10.2, 20.6, 300, 40.4)));

    [Fact]
    public void Select_WithoutARegion_IsTheResourceAlone() =>
        Assert.Equal("https://example.org/canvas/1", MediaFragment.Select("https://example.org/canvas/1", null));

    [Fact]
    public void Select_WithATime_AppendsItAsATFragmentAloneOrAfterTheRegion()
    {
        Assert.Equal("https://example.org/canvas/1#t=702,705", MediaFragment.Select("https://example.org/canvas/1", null, new TimeRange(702, 705)));
        Assert.Equal("https://example.org/canvas/1#xywh=10,20,30,40&t=61.5", MediaFragment.Select("https://example.org/canvas/1", new Region(10, 20, 30, 40), new TimeRange(61.5, null)));
    }
}
