using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Parsing;

/// <summary>Annotation bodies as annotation tools and institutions publish them.</summary>
public sealed class AnnotationBodyTests
{
    [Fact]
    public void Parse_AnnotationWithBodyValue_IndexesItsTextAsPlainText()
    {
        // Web Annotation §3.2.5; w3c/web-annotation-tests tools/samples/correct/anno6.json, with a canvas for target.
        var json = """
            {"@context":"http://www.w3.org/ns/anno.jsonld","id":"http://example.org/anno6","type":"Annotation",
             "bodyValue":"Comment text","target":"https://example.org/canvas/1#xywh=10,20,30,40"}
            """;

        var annotation = Single(json);

        Assert.Equal("Comment text", annotation.Text);
        Assert.Equal("text/plain", annotation.Format);
        Assert.Equal("https://example.org/canvas/1", annotation.CanvasId);
    }

    [Fact]
    public void Parse_AnnotationsWithBodyValueAndNoIds_GetDistinctMintedIds()
    {
        var json = """
            {"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://example.org/page/1","type":"AnnotationPage","items":[
             {"type":"Annotation","bodyValue":"first note","target":"https://example.org/canvas/1"},
             {"type":"Annotation","bodyValue":"second note","target":"https://example.org/canvas/1"}]}
            """;

        var outcome = IiifParser.Parse(json);

        var annotations = Assert.IsType<AnnotationContainer>(outcome.Document).Annotations;
        Assert.Equal(2, annotations.Count);
        Assert.All(annotations, a => Assert.StartsWith(MintedAnnotationId.Prefix, a.Id, StringComparison.Ordinal));
        Assert.NotEqual(annotations[0].Id, annotations[1].Id);
    }

    [Theory]
    [InlineData("[\"none\"]")]
    [InlineData("\"@none\"")]
    public void Parse_BodyLanguageNone_GivesNoLanguage(string language)
    {
        // samvera-labs/clover-iiif public/manifest/content-state/specific-resource.json (Northwestern University's
        // canvases): a language-map key ("none") written as the body's language.
        var json = $$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://example.org/anno/1","type":"Annotation",
             "motivation":["contentState","tagging"],
             "target":{"type":"SpecificResource","source":{"id":"https://example.org/canvas/1","type":"Canvas"},
                       "selector":{"type":"FragmentSelector","value":"xywh=3450,2500,1600,1200"}},
             "body":{"type":"TextualBody","value":"Mount Fuji","format":"text/plain","language":{{{language}}}}}
            """;

        var annotation = Single(json);

        Assert.Equal("Mount Fuji", annotation.Text);
        Assert.Null(annotation.Language);
    }

    private static AnnotationRecord Single(string json)
    {
        var outcome = IiifParser.Parse(json);
        Assert.True(outcome.IsSuccess, outcome.Error);
        return Assert.Single(Assert.IsType<AnnotationContainer>(outcome.Document).Annotations);
    }
}
