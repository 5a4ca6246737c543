using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Annotations;

/// <summary>Mirador 2 era annotation stores publish oa:Annotations with no @id; they are kept under a minted id.</summary>
public sealed class AnnotationWithoutIdTests
{
    private const string Lone = """
        {"@context":"http://iiif.io/api/presentation/2/context.json","@type":"oa:Annotation","motivation":["oa:commenting"],
         "resource":[{"@type":"dctypes:Text","format":"text/html","chars":"<p>A note on the seal</p>"}],
         "on":[{"@type":"oa:SpecificResource","full":"https://x.example.org/canvas/1",
                "selector":{"@type":"oa:FragmentSelector","value":"xywh=10,20,30,40"},
                "within":{"@id":"https://x.example.org/manifest","@type":"sc:Manifest"}}]}
        """;

    [Fact]
    public void Parse_LoneAnnotationWithoutIdOrUri_IsAcceptedWithAMintedId()
    {
        var outcome = IiifParser.Parse(Encoding.UTF8.GetBytes(Lone), new IiifParserOptions());

        Assert.True(outcome.IsSuccess, outcome.Error);
        var container = Assert.IsType<AnnotationContainer>(outcome.Document);
        var record = Assert.Single(container.Annotations);
        Assert.StartsWith(MintedAnnotationId.Prefix, record.Id, StringComparison.Ordinal);
        Assert.Equal("https://x.example.org/canvas/1", record.CanvasId);
        Assert.Equal("A note on the seal", record.Text);
    }

    [Fact]
    public void Parse_ListOfAnnotationsWithoutIds_KeepsEachUnderAStableDistinctId()
    {
        var list = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://x.example.org/list/1","@type":"sc:AnnotationList","resources":[
             {"@type":"oa:Annotation","motivation":"sc:painting","resource":{"@type":"cnt:ContentAsText","chars":"first line"},"on":"https://x.example.org/canvas/1#xywh=0,0,100,20"},
             {"@type":"oa:Annotation","motivation":"sc:painting","resource":{"@type":"cnt:ContentAsText","chars":"second line"},"on":"https://x.example.org/canvas/1#xywh=0,30,100,20"}]}
            """;

        var first = Records(list);
        var again = Records(list);

        Assert.Equal(2, first.Count);
        Assert.All(first, r => Assert.StartsWith(MintedAnnotationId.Prefix, r.Id, StringComparison.Ordinal));
        Assert.NotEqual(first[0].Id, first[1].Id);
        Assert.Equal(first.Select(r => r.Id), again.Select(r => r.Id));
    }

    private static List<AnnotationRecord> Records(string json)
    {
        var outcome = IiifParser.Parse(Encoding.UTF8.GetBytes(json), new IiifParserOptions { DocumentUri = "https://x.example.org/list/1" });
        Assert.True(outcome.IsSuccess, outcome.Error);
        return [.. Assert.IsType<AnnotationContainer>(outcome.Document).Annotations];
    }
}
