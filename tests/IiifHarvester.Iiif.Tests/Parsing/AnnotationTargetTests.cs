using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Parsing;

/// <summary>Annotation targets as annotation tools and institutions publish them.</summary>
public sealed class AnnotationTargetTests
{
    [Fact]
    public void Parse_V2AnnotationOnSeveralShapesOfOneCanvas_BoxHoldsEveryShape()
    {
        // Mirador 2 writes one oa:SpecificResource per shape drawn; shaped like SimpleAnnotationServer's
        // src/test/resources/jsonld/3targets.json (University College Dublin, data.ucd.ie), SVG items left out.
        var json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"http://localhost:8888/annotation/1532737161338",
             "@type":"oa:Annotation","motivation":["oa:commenting"],
             "resource":[{"@id":"_:b9","@type":"dctypes:Text","format":"text/html","chars":"<p>three targets</p>"}],
             "on":[
              {"@type":"oa:SpecificResource","within":{"@id":"https://data.ucd.ie/api/img/manifests/ucdlib:40851","@type":"sc:Manifest"},
               "selector":{"@type":"oa:Choice","default":{"@type":"oa:FragmentSelector","value":"xywh=7949,1839,1130,2026"}},
               "full":"https://data.ucd.ie/api/img/ucdlib:40851/canvas/ucdlib:42220"},
              {"@type":"oa:SpecificResource","within":"https://data.ucd.ie/api/img/manifests/ucdlib:40851",
               "selector":{"@type":"oa:Choice","default":{"@type":"oa:FragmentSelector","value":"xywh=3269,1629,2469,964"}},
               "full":"https://data.ucd.ie/api/img/ucdlib:40851/canvas/ucdlib:42220"},
              {"@type":"oa:SpecificResource","within":"https://data.ucd.ie/api/img/manifests/ucdlib:40851",
               "selector":{"@type":"oa:Choice","default":{"@type":"oa:FragmentSelector","value":"xywh=1709,4173,2546,1761"}},
               "full":"https://data.ucd.ie/api/img/ucdlib:40851/canvas/ucdlib:42220"}]}
            """;

        var annotation = Single(json);

        Assert.Equal("https://data.ucd.ie/api/img/ucdlib:40851/canvas/ucdlib:42220", annotation.CanvasId);
        Assert.Equal(new Region(1709, 1629, 9079 - 1709, 5934 - 1629), annotation.Region);
    }

    [Theory]
    [InlineData("[\"oa:tagging\",\"oa:commenting\"]", "commenting")]
    [InlineData("[\"oa:commenting\",\"oa:tagging\"]", "commenting")]
    [InlineData("[\"oa:tagging\"]", "tagging")]
    [InlineData("\"oa:tagging\"", "tagging")]
    public void Parse_Mirador2TaggedComment_IsAComment(string motivation, string expected)
    {
        // Mirador 2 (getAnnotationInOA in mirador.js, as SimpleAnnotationServer ships it) pushes oa:tagging first
        // when a comment has tags, then oa:commenting; its tags and its text go into resource.
        var json = $$"""
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"http://localhost:8888/annotation/1","@type":"oa:Annotation",
             "motivation":{{motivation}},
             "resource":[{"@type":"oa:Tag","chars":"seal"},{"@type":"dctypes:Text","format":"text/html","chars":"<p>The seal of the abbey</p>"}],
             "on":"https://example.org/canvas/1#xywh=10,20,30,40"}
            """;

        var annotation = Single(json);

        Assert.Equal(expected, annotation.Motivation);
        Assert.Contains("The seal of the abbey", annotation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SvgSelectorWithSeveralPaths_BoxHoldsEveryPath()
    {
        // ProjectMirador/mirador-annotations src/AnnotationDrawing.js writes every shape drawn as its own path in one
        // SvgSelector; the paths here are shaped like its __fixtures__/web_annotation.json.
        var svg = "<svg xmlns='http://www.w3.org/2000/svg'>"
            + "<path xmlns=\\\"http://www.w3.org/2000/svg\\\" d=\\\"M784.24634,1028.82823v-183.35553h200.33289v183.35553z\\\" fill=\\\"none\\\" stroke-width=\\\"1\\\"/>"
            + "<path xmlns=\\\"http://www.w3.org/2000/svg\\\" d=\\\"M100,200h50v60h-50z\\\" fill=\\\"none\\\" stroke-width=\\\"1\\\"/>"
            + "</svg>";
        var json = $$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://example.org/anno/eye","type":"Annotation",
             "motivation":"commenting","body":{"type":"TextualBody","value":"eye"},
             "target":{"source":"https://example.org/canvas/1","selector":{"type":"SvgSelector","value":"{{svg}}"} } }
            """;

        var annotation = Single(json);

        var region = Assert.NotNull(annotation.Region);
        Assert.Equal(100, region.X, 3);
        Assert.Equal(200, region.Y, 3);
        Assert.Equal(984.57923 - 100, region.Width, 3);
        Assert.Equal(1028.82823 - 200, region.Height, 3);
    }

    [Theory]
    [InlineData("\"2766.438533\"")]
    [InlineData("2766.438533")]
    public void Parse_PointSelectorWithT_KeepsTheMoment(string t)
    {
        // samvera-labs/ramp src/components/MarkersDisplay/Annotations/AnnotationsDisplay.test.js (an Avalon
        // annotation page): a comment on a moment of a recording, t published as a string.
        var json = $$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"https://example.org/annotations/unknown.json",
             "type":"AnnotationPage","items":[
              {"id":"https://example.org/unknown-annotation-1.json","type":"Annotation","motivation":["commenting"],
               "body":[{"type":"TextualBody","value":"Savannah, GA","format":"text/plain","purpose":"commenting"}],
               "target":{"source":{"id":"https://example.org/manifest/canvas-1/canvas","type":"Canvas"},
                         "selector":{"type":"PointSelector","t":{{t}}} } }]}
            """;

        var annotation = Single(json);

        Assert.Equal("https://example.org/manifest/canvas-1/canvas", annotation.CanvasId);
        Assert.Equal(new TimeRange(2766.438533, null), annotation.Time);
    }

    [Fact]
    public void Parse_TargetWithDctermsIsPartOf_NamesTheManifest()
    {
        // Elucidate's W3C annotations as digirati-co-uk/pyelucidate's tests hold them (test_identify_target):
        // the target names its manifest with dcterms:isPartOf.
        var json = """
            {"@context":"http://www.w3.org/ns/anno.jsonld","id":"https://elucidate.example.org/annotation/w3c/fd8c7a22/8cbec70c",
             "type":"Annotation","motivation":"tagging","creator":"https://montague.example.org/",
             "body":[{"type":"TextualBody","format":"text/plain","value":"Matter","purpose":"tagging"}],
             "target":{"type":"SpecificResource",
                       "dcterms:isPartOf":{"id":"http://waylon.example.org/work/AVT","type":"sc:Manifest"},
                       "selector":{"type":"FragmentSelector","conformsTo":"http://www.w3.org/TR/media-frags/","value":"xywh=659,1646,174,62"},
                       "source":"http://waylon.example.org/work/AVT/canvas/274"}}
            """;

        var annotation = Single(json);

        Assert.Equal("http://waylon.example.org/work/AVT/canvas/274", annotation.CanvasId);
        Assert.Equal("http://waylon.example.org/work/AVT", annotation.ManifestId);
    }

    private static AnnotationRecord Single(string json)
    {
        var outcome = IiifParser.Parse(json);
        Assert.True(outcome.IsSuccess, outcome.Error);
        return Assert.Single(Assert.IsType<AnnotationContainer>(outcome.Document).Annotations);
    }
}
