using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Portal;
using Xunit;

namespace IiifHarvester.Web.Tests.Portal;

/// <summary>A hit's region is in canvas units; the crop asks the image for that share of the canvas.</summary>
public sealed class CropTests
{
    [Fact]
    public void CropRegion_CanvasWithItsSize_AsksForTheShareOfTheCanvasWhateverTheImagesPixels()
    {
        // A 1000 x 2000 canvas painted with, say, a 4000 x 8000 image: canvas units are not image pixels.
        var region = PortalContext.CropRegion(new Region(100, 200, 50, 40), new CanvasImage("https://img/1", 1000, 2000));

        Assert.Equal("pct:10,10,5,2", region);
    }

    [Fact]
    public void CropRegion_PastTheCanvasEdge_IsClampedToTheCanvas()
    {
        var region = PortalContext.CropRegion(new Region(950, 1900, 200, 300), new CanvasImage("https://img/1", 1000, 2000));

        Assert.Equal("pct:95,95,5,5", region);
    }

    [Fact]
    public void CropRegion_FractionalShares_KeepThreeDecimals()
    {
        var region = PortalContext.CropRegion(new Region(1, 1, 1, 1), new CanvasImage("https://img/1", 3000, 7000));

        Assert.Equal("pct:0.033,0.014,0.033,0.014", region);
    }

    [Fact]
    public void CropRegion_CanvasWithoutASize_FallsBackToTheCoordinatesAsPixels()
    {
        var region = PortalContext.CropRegion(new Region(100, 200, 50, 40), new CanvasImage("https://img/1", null, null));

        Assert.Equal("100,200,50,40", region);
    }
}
