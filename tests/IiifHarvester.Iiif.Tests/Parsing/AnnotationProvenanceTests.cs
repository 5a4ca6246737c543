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
}
