using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Tests.Parsing;

/// <summary>Who made an annotation and when, as annotation stores publish it.</summary>
public sealed class AnnotationProvenanceTests
{
    [Fact]
    public void Parse_SimpleAnnotationServerDctermsCreated_IsTheAnnotationsDate()
    {
        // glenrobson/SimpleAnnotationServer serves dcterms:created and dcterms:modified (data/Annotation.java); shaped
        // like its src/test/resources/jsonld/invalidAnnotation.json (National Library of Wales), without a zone.
        var json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"http://dev.llgc.org.uk/annotation/1467636737279",
             "@type":"oa:Annotation","dcterms:created":"2016-10-08T23:33:38","dcterms:modified":"2016-10-10T01:19:19",
             "resource":[{"@id":"_:b2","@type":"dctypes:Text","format":"text/html","chars":"<p>Pte. Thomas John Roberts</p>"}],
             "on":{"@id":"_:b1","@type":"oa:SpecificResource","within":"http://dams.llgc.org.uk/iiif/2.0/4642022/manifest.json",
                   "selector":{"@type":"oa:FragmentSelector","value":"xywh=2630,3561,1531,211"},
                   "full":"http://dams.llgc.org.uk/iiif/2.0/4642022/canvas/4643036.json"},
             "motivation":["oa:commenting"]}
            """;

        var outcome = IiifParser.Parse(json);

        var annotation = Assert.Single(Assert.IsType<AnnotationContainer>(outcome.Document).Annotations);
        Assert.Equal(new DateTimeOffset(2016, 10, 8, 23, 33, 38, TimeSpan.Zero), annotation.Created);
    }

    [Fact]
    public void Parse_FromThePageContributorsOnTheBody_FirstIsTheAnnotationsCreator()
    {
        // benwbrum/fromthepage app/controllers/iiif_controller.rb (iiif_annotation_by_type): a page's transcription
        // credits its contributors (Page#contributors, [{name, orcid}]) as annotatedBy on the resource.
        var json = """
            {"@context":"http://iiif.io/api/presentation/2/context.json","@id":"https://fromthepage.com/iiif/list/1/transcription",
             "@type":"sc:AnnotationList","resources":[
              {"@id":"https://fromthepage.com/iiif/1/annotation/transcription","@type":"oa:Annotation","motivation":"sc:painting",
               "resource":{"@id":"https://fromthepage.com/a/c/w/display/1/html","@type":"cnt:ContentAsText","format":"text/html",
                           "chars":"<p>Dear Sister</p>","annotatedBy":[{"name":"Ada Transcriber"},{"name":"Ben Reviewer"}]},
               "on":"https://fromthepage.com/iiif/1/canvas/1#xywh=0,0,1000,1500"}]}
            """;

        var outcome = IiifParser.Parse(json);

        var annotation = Assert.Single(Assert.IsType<AnnotationContainer>(outcome.Document).Annotations);
        Assert.Equal("Ada Transcriber", annotation.Creator);
    }
}
