using System.Text;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Web.Manifests;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

public sealed class ImageServiceRewriterTests
{
    private const string Proxy = "http://localhost/iiif/image";

    [Fact]
    public void Rewrite_ImageWhoseIdIsItsServicesOwn_PointsAtOurServiceToo()
    {
        // As clover-iiif's paged-rtl fixture (gsh.etu.wiki) publishes: the painting body's id is the service base.
        const string service = "https://images.example.org/3/image/e0f1";
        var json = $$"""
            {"id":"https://x.example.org/m","type":"Manifest","items":[{"id":"https://x.example.org/c1","type":"Canvas","width":10,"height":10,
             "items":[{"id":"https://x.example.org/p1","type":"AnnotationPage","items":[{"id":"https://x.example.org/a1","type":"Annotation","motivation":"painting",
              "body":{"id":"{{service}}","type":"Image","service":[{"id":"{{service}}","type":"ImageService3","profile":"level2"}]},"target":"https://x.example.org/c1"}]}],
             "thumbnail":[{"id":"{{service}}/full/!300,300/0/default.jpg","type":"Image"}]}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        var ours = Proxy + "/" + ResourceKey.ForImageService(service);
        var body = copy["items"]![0]!["items"]![0]!["items"]![0]!["body"]!;
        Assert.Equal(ours, (string?)body["service"]![0]!["id"]);
        Assert.Equal(ours, (string?)body["id"]);
        Assert.Equal(ours + "/full/!300,300/0/default.jpg", (string?)copy["items"]![0]!["thumbnail"]![0]!["id"]);
        Assert.DoesNotContain("images.example.org", copy.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_V11ServiceNamedByConformsToOnly_IsProxied()
    {
        // As dbmdz/iiif-apis' yaleV1Manifest.json (Yale) publishes its 1.1 services: no @context or profile.
        const string service = "http://scale.ydc2.yale.edu/iiif/9cd7bbee-b5d8-4a06-beca-7c43e9b2b035/";
        var json = $$"""
            {"@id":"http://manifests.ydc2.yale.edu/manifest/m","@type":"sc:Manifest","sequences":[{"@type":"sc:Sequence","canvases":[{"@id":"http://manifests.ydc2.yale.edu/canvas/c1","@type":"sc:Canvas",
             "images":[{"@type":"oa:Annotation","motivation":"sc:painting","on":"http://manifests.ydc2.yale.edu/canvas/c1",
              "resource":{"@id":"{{service}}full/full/0/native.jpg","@type":"dctypes:Image","format":"image/jpeg",
               "service":{"@id":"{{service}}","dcterms:conformsTo":"http://library.stanford.edu/iiif/image-api/1.1/conformance.html#level1"} } }]}]}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        var resource = copy["sequences"]![0]!["canvases"]![0]!["images"]![0]!["resource"]!;
        Assert.Equal(Proxy + "/" + ResourceKey.ForImageService(service), (string?)resource["service"]!["@id"]);
        Assert.StartsWith(Proxy + "/", (string?)resource["@id"], StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_ImageSpelledWithTheDefaultPort_PointsAtOurService()
    {
        // As e-codices publishes (IIIF-Commons/parser's converted csg-0730 manifest): the image with :443, its service without.
        const string service = "https://www.e-codices.unifr.ch/loris/csg/csg-0730/csg-0730_e001.jp2";
        var json = $$"""
            {"id":"https://www.e-codices.unifr.ch/metadata/iiif/csg-0730/manifest.json","type":"Manifest","items":[{"id":"https://x.example.org/c1","type":"Canvas","width":10,"height":10,
             "items":[{"id":"https://x.example.org/p1","type":"AnnotationPage","items":[{"id":"https://x.example.org/a1","type":"Annotation","motivation":"painting",
              "body":{"id":"https://www.e-codices.unifr.ch:443/loris/csg/csg-0730/csg-0730_e001.jp2/full/full/0/default.jpg","type":"Image","format":"image/jpeg",
               "service":[{"profile":"http://iiif.io/api/image/2/level2.json","id":"{{service}}","type":"ImageService2"}]},"target":"https://x.example.org/c1"}]}]}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        var body = copy["items"]![0]!["items"]![0]!["items"]![0]!["body"]!;
        Assert.Equal(Proxy + "/2/" + ResourceKey.ForImageService(service) + "/full/full/0/default.jpg", (string?)body["id"]);
    }

    [Fact]
    public void Rewrite_CanvasWhoseIdIsItsImageServicesOwn_KeepsItsId()
    {
        // As the Library of Congress (IIIF-Commons/parser's presentation-2/loc.json) and the Art Institute of Chicago
        // publish: the canvas is named as its image service, and the painting annotation targets it by that id.
        const string service = "https://tile.loc.gov/image-services/iiif/service:gmd:gmd6m:g6000m:g6000m:gct00040:cs000006";
        var json = $$"""
            {"@id":"https://www.loc.gov/item/m","@type":"sc:Manifest","sequences":[{"@type":"sc:Sequence","canvases":[{"@id":"{{service}}","@type":"sc:Canvas","width":10,"height":10,
             "images":[{"@id":"https://www.loc.gov/resource/g6000m.gct00040/seq-1/","@type":"oa:Annotation","motivation":"sc:painting","on":"{{service}}",
              "resource":{"@id":"{{service}}/full/pct:25/0/default.jpg","@type":"dctypes:Image",
               "service":{"@context":"http://iiif.io/api/image/2/context.json","@id":"{{service}}","profile":"http://iiif.io/api/image/2/level2.json"} } }]}]}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        Assert.Equal(service, (string?)copy["sequences"]![0]!["canvases"]![0]!["@id"]);
    }

    [Fact]
    public void Rewrite_CanvasAndAnnotationsNamedUnderAnImageService_KeepTheirIds()
    {
        // As the British Library's staging server publishes (manifesto's max-width-image-api-3.json): canvas, page and
        // annotation ids lie under the image service's id.
        const string service = "https://stage.bl.digirati.io/images/ark:/81055/vdc_100189420179.0x000205";
        var json = $$"""
            {"id":"https://stage.bl.digirati.io/m","type":"Manifest","items":[{"id":"{{service}}/canvas/c/1","type":"Canvas","width":10,"height":10,
             "items":[{"id":"{{service}}/canvas/c/1/page","type":"AnnotationPage","items":[{"id":"{{service}}/canvas/c/1/page/image","type":"Annotation","motivation":"painting",
              "body":{"id":"{{service}}/full/773,1024/0/default.jpg","type":"Image",
               "service":[{"@context":"http://iiif.io/api/image/2/context.json","@id":"{{service}}","@type":"ImageService2","profile":"http://iiif.io/api/image/2/level1.json"}]},
              "target":"{{service}}/canvas/c/1"}]}]}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        var canvas = copy["items"]![0]!;
        Assert.Equal(service + "/canvas/c/1", (string?)canvas["id"]);
        Assert.Equal(service + "/canvas/c/1/page", (string?)canvas["items"]![0]!["id"]);
        Assert.Equal(service + "/canvas/c/1/page/image", (string?)canvas["items"]![0]!["items"]![0]!["id"]);
    }

    [Fact]
    public void Rewrite_DownloadNamedUnderAnImageService_KeepsItsId()
    {
        // As the Göttingen State and University Library publishes (tify's gdz-PPN235181684_0029.json): a logo service
        // named as the site's root, and PDF downloads on that site.
        const string pdf = "https://gdz.sub.uni-goettingen.de/download/pdf/PPN235181684_0029/LOG_0003.pdf";
        var json = $$"""
            {"@id":"https://manifests.sub.uni-goettingen.de/iiif/presentation/PPN235181684_0029/manifest","@type":"sc:Manifest",
             "logo":{"@id":"https://gdz.sub.uni-goettingen.de/images/sub-blue.svg","service":{"@id":"https://gdz.sub.uni-goettingen.de/","@context":"http://iiif.io/api/image/2/context.json","profile":"http://iiif.io/api/image/2/level1.json"} },
             "structures":[{"@id":"https://manifests.sub.uni-goettingen.de/r/LOG_0003","@type":"sc:Range","rendering":[{"@id":"{{pdf}}","label":"PDF download","format":"application/pdf"}]}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        Assert.Equal(pdf, (string?)copy["structures"]![0]!["rendering"]![0]!["@id"]);
    }

    [Fact]
    public void Rewrite_IdThatOnlyBeginsLikeAService_IsLeftAlone()
    {
        const string service = "https://images.example.org/iiif/abc";
        var json = $$"""
            {"id":"https://x.example.org/m","type":"Manifest","thumbnail":[{"id":"{{service}}/full/80,/0/default.jpg","type":"Image","service":[{"id":"{{service}}","type":"ImageService3","profile":"level0"}]}],
             "rendering":[{"id":"{{service}}def.pdf","type":"Text"}]}
            """;

        var copy = JsonNode.Parse(ImageServiceRewriter.Rewrite(Encoding.UTF8.GetBytes(json), Proxy)!)!;

        Assert.Equal(service + "def.pdf", (string?)copy["rendering"]![0]!["id"]);
        Assert.StartsWith(Proxy + "/", (string?)copy["thumbnail"]![0]!["id"], StringComparison.Ordinal);
    }
}
