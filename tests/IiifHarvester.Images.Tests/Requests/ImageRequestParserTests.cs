using IiifHarvester.Images.Requests;
using Xunit;

namespace IiifHarvester.Images.Tests.Requests;

public sealed class ImageRequestParserTests
{
    [Theory]
    [InlineData("full", RegionKind.Full, 0, 0, 0, 0)]
    [InlineData("square", RegionKind.Square, 0, 0, 0, 0)]
    [InlineData("125,15,120,140", RegionKind.Pixels, 125, 15, 120, 140)]
    [InlineData("pct:41.6,7.5,40,70", RegionKind.Percent, 41.6, 7.5, 40, 70)]
    [InlineData("pct:0,0,100,100", RegionKind.Percent, 0, 0, 100, 100)]
    public void ParseRegion_ValidForms_Parsed(string text, RegionKind kind, double x, double y, double w, double h)
    {
        var region = ImageRequestParser.ParseRegion(text);
        Assert.Equal(new RegionSpec(kind, x, y, w, h), region);
    }

    [Theory]
    [InlineData("")]
    [InlineData("fullish")]
    [InlineData("1,2,3")]
    [InlineData("1,2,3,4,5")]
    [InlineData("-1,0,10,10")]
    [InlineData("0,0,0,10")]
    [InlineData("0,0,10,0")]
    [InlineData("1.5,0,10,10")]
    [InlineData("pct:0,0,0,50")]
    [InlineData("pct:100,0,10,10")]
    [InlineData("pct:a,0,10,10")]
    [InlineData("1e3,0,10,10")]
    [InlineData("0,0,10,10 ")]
    public void ParseRegion_Malformed_Throws400(string text)
    {
        var ex = Assert.Throws<ImageRequestException>(() => ImageRequestParser.ParseRegion(text));
        Assert.Equal(400, ex.StatusCode);
    }

    [Theory]
    [InlineData("max", SizeKind.Max, false, null, null, 0)]
    [InlineData("^max", SizeKind.Max, true, null, null, 0)]
    [InlineData("150,", SizeKind.Width, false, 150, null, 0)]
    [InlineData("^150,", SizeKind.Width, true, 150, null, 0)]
    [InlineData(",150", SizeKind.Height, false, null, 150, 0)]
    [InlineData("^,150", SizeKind.Height, true, null, 150, 0)]
    [InlineData("pct:50", SizeKind.Percent, false, null, null, 50)]
    [InlineData("^pct:150", SizeKind.Percent, true, null, null, 150)]
    [InlineData("225,100", SizeKind.Exact, false, 225, 100, 0)]
    [InlineData("^360,360", SizeKind.Exact, true, 360, 360, 0)]
    [InlineData("!225,100", SizeKind.Confined, false, 225, 100, 0)]
    [InlineData("^!225,100", SizeKind.Confined, true, 225, 100, 0)]
    public void ParseSize_V3Forms_Parsed(string text, SizeKind kind, bool upscale, int? w, int? h, double pct)
    {
        Assert.Equal(new SizeSpec(kind, upscale, w, h, pct), ImageRequestParser.ParseSize(ImageApiVersion.V3, text));
    }

    [Theory]
    [InlineData("full", SizeKind.Full, null, null, 0)]
    [InlineData("max", SizeKind.Max, null, null, 0)]
    [InlineData("150,", SizeKind.Width, 150, null, 0)]
    [InlineData(",150", SizeKind.Height, null, 150, 0)]
    [InlineData("pct:50", SizeKind.Percent, null, null, 50)]
    [InlineData("pct:150", SizeKind.Percent, null, null, 150)]
    [InlineData("225,100", SizeKind.Exact, 225, 100, 0)]
    [InlineData("!225,100", SizeKind.Confined, 225, 100, 0)]
    public void ParseSize_V2Forms_Parsed(string text, SizeKind kind, int? w, int? h, double pct)
    {
        Assert.Equal(new SizeSpec(kind, false, w, h, pct), ImageRequestParser.ParseSize(ImageApiVersion.V2, text));
    }

    [Theory]
    [InlineData(ImageApiVersion.V3, "full")]
    [InlineData(ImageApiVersion.V2, "^max")]
    [InlineData(ImageApiVersion.V2, "^150,")]
    [InlineData(ImageApiVersion.V3, ",")]
    [InlineData(ImageApiVersion.V3, "0,")]
    [InlineData(ImageApiVersion.V3, ",0")]
    [InlineData(ImageApiVersion.V3, "pct:0")]
    [InlineData(ImageApiVersion.V3, "pct:-5")]
    [InlineData(ImageApiVersion.V3, "!150,")]
    [InlineData(ImageApiVersion.V3, "1,2,3")]
    [InlineData(ImageApiVersion.V3, "abc")]
    [InlineData(ImageApiVersion.V3, "150.5,")]
    [InlineData(ImageApiVersion.V3, "^^max")]
    public void ParseSize_Malformed_Throws400(ImageApiVersion version, string text)
    {
        var ex = Assert.Throws<ImageRequestException>(() => ImageRequestParser.ParseSize(version, text));
        Assert.Equal(400, ex.StatusCode);
    }

    [Theory]
    [InlineData("0", false, 0)]
    [InlineData("90", false, 90)]
    [InlineData("22.5", false, 22.5)]
    [InlineData("!0", true, 0)]
    [InlineData("!180", true, 180)]
    [InlineData("360", false, 360)]
    public void ParseRotation_ValidForms_Parsed(string text, bool mirror, double degrees)
        => Assert.Equal((mirror, degrees), ImageRequestParser.ParseRotation(text));

    [Theory]
    [InlineData("-90")]
    [InlineData("361")]
    [InlineData("!!90")]
    [InlineData("ninety")]
    [InlineData("")]
    [InlineData("1e2")]
    public void ParseRotation_Malformed_Throws400(string text)
        => Assert.Equal(400, Assert.Throws<ImageRequestException>(() => ImageRequestParser.ParseRotation(text)).StatusCode);

    [Theory]
    [InlineData("default.jpg", "default", "jpg")]
    [InlineData("color.png", "color", "png")]
    [InlineData("gray.webp", "gray", "webp")]
    [InlineData("bitonal.tif", "bitonal", "tif")]
    [InlineData("default.gif", "default", "gif")]
    [InlineData("default.jp2", "default", "jp2")]
    [InlineData("default.pdf", "default", "pdf")]
    public void Parse_QualityAndFormat_Parsed(string text, string quality, string format)
    {
        var request = ImageRequestParser.Parse(ImageApiVersion.V3, "full", "max", "0", text);
        Assert.Equal((quality, format), (request.Quality, request.Format));
    }

    [Fact]
    public void Parse_V2NativeQuality_ReadAsDefault()
    {
        // Image API 1.1 URLs as Harvard and Yale manifests publish them (mirador's Richardson7manifest.json,
        // dbmdz/iiif-apis yaleV1Manifest.json): .../full/full/0/native.jpg, moved under our 2.x proxy as they are.
        var request = ImageRequestParser.Parse(ImageApiVersion.V2, "full", "full", "0", "native.jpg");
        Assert.Equal(("default", "jpg"), (request.Quality, request.Format));
    }

    [Theory]
    [InlineData("native.jpg")]
    [InlineData("default.bmp")]
    [InlineData("default")]
    [InlineData(".jpg")]
    [InlineData("default.")]
    [InlineData("grey.jpg")]
    public void Parse_BadQualityOrFormat_Throws400(string text)
        => Assert.Equal(400, Assert.Throws<ImageRequestException>(() => ImageRequestParser.Parse(ImageApiVersion.V3, "full", "max", "0", text)).StatusCode);
}
