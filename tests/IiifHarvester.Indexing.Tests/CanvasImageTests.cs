using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Search;
using Xunit;

namespace IiifHarvester.Indexing.Tests;

public sealed class CanvasImageTests
{
    [Fact]
    public void EncodeDecode_WithTheCanvasSize_RoundTrips()
    {
        var image = new CanvasImage("https://images.example.org/iiif/p1", 1200, 1800);

        Assert.Equal(image, CanvasImage.Decode(image.Encode()));
    }

    [Fact]
    public void Decode_ValueFromAnIndexWrittenBeforeTheSizeWasKept_GivesTheServiceAlone()
    {
        Assert.Equal(new CanvasImage("https://images.example.org/iiif/p1", null, null), CanvasImage.Decode("https://images.example.org/iiif/p1"));
        Assert.Null(CanvasImage.Decode(string.Empty));
    }

    [Fact]
    public void Of_CanvasWithoutAnImageService_IsNull() =>
        Assert.Null(CanvasImage.Of(new Canvas { Id = "https://example.org/c1", Width = 10, Height = 10 }));
}
