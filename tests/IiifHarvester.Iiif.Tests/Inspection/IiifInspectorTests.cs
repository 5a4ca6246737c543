using System.Text;
using System.Text.Json;
using IiifHarvester.Iiif.Inspection;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Iiif.Tests.Ocr;
using IiifHarvester.TestUtilities.Corpus;

namespace IiifHarvester.Iiif.Tests.Inspection;

public sealed class IiifInspectorTests
{
    [Fact]
    public void ToJson_Manifest_PrintsTheNormalizedRecord()
    {
        var json = IiifInspector.ToJson(IiifParser.Parse(CorpusFiles.Read("presentation3/cookbook__0009-book-1_manifest.json")));

        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("accepted").GetBoolean());
        Assert.Equal("PresentationResource", root.GetProperty("documentType").GetString());
        var document = root.GetProperty("document");
        Assert.Equal("Manifest", document.GetProperty("Kind").GetString());
        Assert.Equal("V3", document.GetProperty("Version").GetString());
        Assert.Equal(JsonValueKind.Array, document.GetProperty("Label").GetProperty("en").ValueKind);
        Assert.Equal(5, document.GetProperty("Canvases").GetArrayLength());
    }

    [Fact]
    public void Inspect_Rejection_PrintsTheReason()
    {
        var json = IiifInspector.Inspect(CorpusFiles.Read("invalid/manifesto__potterselectric.json"));

        Assert.Contains("not UTF-8", json, StringComparison.Ordinal);
        Assert.Contains("\"accepted\": false", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_OcrFile_SniffsAndPrintsLines()
    {
        var json = IiifInspector.Inspect(Encoding.UTF8.GetBytes(OcrSamples.Hocr()), canvasId: "https://e.org/c1", canvasWidth: 1000, canvasHeight: 1500);

        Assert.Contains("\"format\": \"Hocr\"", json, StringComparison.Ordinal);
        Assert.Contains("Bonjour monde&co", json, StringComparison.Ordinal);
    }
}
