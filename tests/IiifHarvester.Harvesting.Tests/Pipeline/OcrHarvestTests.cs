using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// OCR linked from canvases' <c>seeAlso</c>, harvested and searched: ALTO, PAGE XML with words, and PAGE XML of whole
/// lines that the link calls ALTO. Each OCR page is 2000x3000 on a 1000x1500 canvas, so every box is halved.
/// </summary>
public sealed class OcrHarvestTests : IDisposable
{
    private const string PageNs = "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15";

    private readonly TempDirectory _dir = new();
    private readonly WireMockServer _server = WireMockServer.Start();

    [Fact]
    public async Task Harvest_CanvasesLinkingAltoAndPageXml_TheirWordsAreFoundOnTheirCanvasesInTheirBoxes()
    {
        var baseUrl = _server.Url!;
        var manifest = $"{baseUrl}/m.json";
        ServeStreamOf(manifest);
        Serve("/m.json", "application/json", $$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{manifest}}}","type":"Manifest","label":{"de":["Zeitschrift"]},
             "items":[
               {{{Canvas(baseUrl, 1, "application/xml", "http://www.loc.gov/standards/alto/v4/alto.xsd")}}},
               {{{Canvas(baseUrl, 2, "application/vnd.prima.page+xml", "http://schema.primaresearch.org/PAGE/gts/pagecontent/2019-07-15")}}},
               {{{Canvas(baseUrl, 3, "application/xml", "http://www.loc.gov/standards/alto/v3/alto.xsd")}}}]}
            """);
        Serve("/ocr/1.xml", "application/xml", """
            <alto xmlns="http://www.loc.gov/standards/alto/ns-v4#"><Layout><Page WIDTH="2000" HEIGHT="3000"><PrintSpace><TextBlock>
              <TextLine HPOS="100" VPOS="200" WIDTH="800" HEIGHT="50">
                <String CONTENT="Der" HPOS="100" VPOS="200" WIDTH="200" HEIGHT="50"/><SP/><String CONTENT="Brunnen" HPOS="400" VPOS="200" WIDTH="500" HEIGHT="50"/>
              </TextLine>
            </TextBlock></PrintSpace></Page></Layout></alto>
            """);
        Serve("/ocr/2.xml", "application/vnd.prima.page+xml", $"""
            <pc:PcGts xmlns:pc="{PageNs}"><pc:Page imageWidth="2000" imageHeight="3000"><pc:TextRegion id="r1">
              <pc:TextLine id="l1"><pc:Coords points="100,400 900,400 900,460 100,460"/>
                <pc:Word id="w1"><pc:Coords points="100,400 500,400 500,460 100,460"/><pc:TextEquiv><pc:Unicode>Wunder</pc:Unicode></pc:TextEquiv></pc:Word>
                <pc:Word id="w2"><pc:Coords points="600,400 900,400 900,460 600,460"/><pc:TextEquiv><pc:Unicode>Werk</pc:Unicode></pc:TextEquiv></pc:Word>
              </pc:TextLine>
            </pc:TextRegion></pc:Page></pc:PcGts>
            """);
        Serve("/ocr/3.xml", "application/xml", $"""
            <PcGts xmlns="{PageNs}"><Page imageWidth="2000" imageHeight="3000"><TextRegion id="r1">
              <TextLine id="l1"><Coords points="200,600 1800,600 1800,700 200,700"/><Baseline points="200,690 1800,690"/>
                <TextEquiv><Unicode>der ſichtbaren Kirche Gestalt</Unicode></TextEquiv></TextLine>
            </TextRegion></Page></PcGts>
            """);
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("inst", $"{baseUrl}/stream.json"));

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, result.Counts.Failed);
        foreach (var c in new[] { 1, 2, 3 })
        {
            Assert.Equal(DocumentKind.Ocr, (await harness.Store.GetAsync($"{baseUrl}/ocr/{c}.xml", default))?.Info.Kind);
        }

        var search = harness.Get<IContentSearch>();
        var scope = SearchScope.For(search.FindByUri(manifest)!);
        Assert.Equal(($"{baseUrl}/canvas/1", new Region(200, 100, 250, 25)), Only(search, scope, "Brunnen"));
        Assert.Equal(($"{baseUrl}/canvas/2", new Region(50, 200, 200, 30)), Only(search, scope, "Wunder"));

        // A line without word boxes: the hit's box is the line's, narrowed to the word's share of its characters.
        const string Line = "der ſichtbaren Kirche Gestalt";
        var (start, length) = (Line.IndexOf("Kirche", StringComparison.Ordinal), "Kirche".Length);
        Assert.Equal(($"{baseUrl}/canvas/3", new Region(100 + (800.0 * start / Line.Length), 300, 800.0 * length / Line.Length, 50)), Only(search, scope, "Kirche"));
    }

    [Fact]
    public async Task Harvest_VideoWithCaptionsInTwoLanguages_CuesAreFoundAtTheirTimesAsTranscription()
    {
        // Cookbook recipe 0074's shape: a Choice of caption files, one per language; the second file placed on the
        // second half of the canvas (its cue times are the file's own, counted from there).
        var baseUrl = _server.Url!;
        var manifest = $"{baseUrl}/film.json";
        var canvas = $"{baseUrl}/film/canvas";
        ServeStreamOf(manifest);
        Serve("/film.json", "application/json", $$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{manifest}}}","type":"Manifest","label":{"en":["Per voi signore"]},
             "items":[{"id":"{{{canvas}}}","type":"Canvas","duration":600,"width":640,"height":360,
               "items":[{"id":"{{{canvas}}}/page","type":"AnnotationPage","items":[{"id":"{{{canvas}}}/video","type":"Annotation","motivation":"painting",
                 "body":{"id":"{{{baseUrl}}}/film.mp4","type":"Video","format":"video/mp4","duration":600,"width":640,"height":360},"target":"{{{canvas}}}"}]}],
               "annotations":[{"id":"{{{canvas}}}/captions","type":"AnnotationPage","items":[
                 {"id":"{{{canvas}}}/captions/1","type":"Annotation","motivation":"supplementing",
                  "body":{"type":"Choice","items":[
                    {"id":"{{{baseUrl}}}/film_en.vtt","type":"Text","format":"text/vtt","language":"en"},
                    {"id":"{{{baseUrl}}}/film_it.vtt","type":"Text","format":"text/vtt","language":"it"}]},
                  "target":"{{{canvas}}}#t=300,600"}]}]}]}
            """);
        Serve("/film_en.vtt", "text/vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nFrench models for you, ladies.\n\n00:01:10.000 --> 00:01:12.000\nThe <b>silk</b> hats of spring.\n");
        Serve("/film_it.vtt", "text/vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.500\nModelli francesi per voi, signore.\n");
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("inst", $"{baseUrl}/stream.json"));

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, result.Counts.Failed);
        var search = harness.Get<IContentSearch>();
        var scope = SearchScope.For(search.FindByUri(manifest)!);
        Assert.Equal((canvas, new TimeRange(370, 372), "en"), Timed(search, scope, "silk"));
        Assert.Equal((canvas, new TimeRange(301, 304.5), "it"), Timed(search, scope, "signore"));

        // The catalog counts captions as transcription, not OCR.
        Assert.True(UserQuery.TryParse("silk", 256, 16, out var silk, out var error), error);
        Assert.Equal([manifest], search.SearchCatalog(new CatalogRequest { Query = silk, TextKinds = [TextKinds.Transcription] }).Items.Select(i => i.Resource.Uri));
        Assert.Empty(search.SearchCatalog(new CatalogRequest { Query = silk, TextKinds = [TextKinds.Ocr] }).Items);
    }

    [Fact]
    public async Task Harvest_FetchOcrTurnedOnLater_UnchangedManifestsGetTheirCaptionsOnce()
    {
        // What an upgrade whose parser reads links the old one did not (PAGE XML, WebVTT) looks like to the store:
        // manifests harvested, unchanged at the institution since, whose linked text was never fetched. Here the
        // text was not fetched because FetchOcr was off; the same pass fetches it once it is on.
        var baseUrl = _server.Url!;
        var manifest = $"{baseUrl}/film.json";
        var canvas = $"{baseUrl}/film/canvas";
        ServeStreamOf(manifest);
        _server.Given(Request.Create().WithPath("/film.json").UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithHeader("ETag", "\"v1\"").WithBody($$$"""
            {"@context":"http://iiif.io/api/presentation/3/context.json","id":"{{{manifest}}}","type":"Manifest","label":{"en":["Hats"]},
             "items":[{"id":"{{{canvas}}}","type":"Canvas","duration":600,
               "annotations":[{"id":"{{{canvas}}}/captions","type":"AnnotationPage","items":[
                 {"id":"{{{canvas}}}/captions/1","type":"Annotation","motivation":"supplementing",
                  "body":{"id":"{{{baseUrl}}}/film_en.vtt","type":"Text","format":"text/vtt","language":"en"},"target":"{{{canvas}}}"}]}]}]}
            """));
        Serve("/film_en.vtt", "text/vtt", "WEBVTT\n\n00:01:10.000 --> 00:01:12.000\nThe silk hats of spring.\n");
        var settings = HarvestHarness.StreamSource("inst", $"{baseUrl}/stream.json");
        settings["Sources:inst:FetchOcr"] = "false";
        await using (var before = new HarvestHarness(_dir.Path, settings))
        {
            Assert.Equal(0, (await before.HarvestAsync("inst")).Counts.Failed);
            Assert.Empty(Hits(before, manifest, "silk"));
        }

        settings["Sources:inst:FetchOcr"] = "true";
        await using var after = new HarvestHarness(_dir.Path, settings);
        var turnedOn = await after.HarvestAsync("inst");
        var again = await after.HarvestAsync("inst");

        Assert.Equal((0, 0), (turnedOn.Counts.Failed, again.Counts.Failed));
        Assert.Equal(new TimeRange(70, 72), Assert.Single(Hits(after, manifest, "silk")).Annotation.Time);
        Assert.Equal(1, _server.LogEntries.Count(e => e.RequestMessage?.Path == "/film_en.vtt"));
    }

    public void Dispose()
    {
        _server.Stop();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static (string Canvas, Region? Region) Only(IContentSearch search, SearchScope scope, string word)
    {
        Assert.True(UserQuery.TryParse(word, 256, 16, out var query, out var error), error);
        var hit = Assert.Single(search.Search(new ContentSearchRequest { Scope = scope, Query = query }).Hits);
        return (hit.Annotation.CanvasId, hit.Annotation.Region);
    }

    private static IReadOnlyList<SearchHit> Hits(HarvestHarness harness, string manifest, string word)
    {
        Assert.True(UserQuery.TryParse(word, 256, 16, out var query, out var error), error);
        var search = harness.Get<IContentSearch>();
        return search.Search(new ContentSearchRequest { Scope = SearchScope.For(search.FindByUri(manifest)!), Query = query }).Hits;
    }

    private static (string Canvas, TimeRange? Time, string? Language) Timed(IContentSearch search, SearchScope scope, string word)
    {
        Assert.True(UserQuery.TryParse(word, 256, 16, out var query, out var error), error);
        var hit = Assert.Single(search.Search(new ContentSearchRequest { Scope = scope, Query = query }).Hits);
        return (hit.Annotation.CanvasId, hit.Annotation.Time, hit.Annotation.Language);
    }

    private static string Canvas(string baseUrl, int n, string format, string profile) => $$"""
        {"id":"{{baseUrl}}/canvas/{{n}}","type":"Canvas","width":1000,"height":1500,
         "seeAlso":[{"id":"{{baseUrl}}/ocr/{{n}}.xml","type":"Dataset","format":"{{format}}","profile":"{{profile}}"}],
         "items":[{"id":"{{baseUrl}}/canvas/{{n}}/page","type":"AnnotationPage","items":[{"id":"{{baseUrl}}/canvas/{{n}}/image","type":"Annotation","motivation":"painting",
           "body":{"id":"{{baseUrl}}/img/{{n}}.jpg","type":"Image","format":"image/jpeg","width":1000,"height":1500},"target":"{{baseUrl}}/canvas/{{n}}"}]}]}
        """;

    /// <summary>A Discovery stream of one page announcing <paramref name="manifest"/>.</summary>
    private void ServeStreamOf(string manifest)
    {
        var baseUrl = _server.Url!;
        Serve("/stream.json", "application/json", $$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/stream.json","type":"OrderedCollection","last":{"id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage"}}""");
        Serve("/page.json", "application/json", $$$"""{"@context":"http://iiif.io/api/discovery/1/context.json","id":"{{{baseUrl}}}/page.json","type":"OrderedCollectionPage","orderedItems":[{"type":"Create","object":{"id":"{{{manifest}}}","type":"Manifest"},"endTime":"2026-01-01T00:00:00Z"}]}""");
    }

    private void Serve(string path, string contentType, string body) =>
        _server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithBody(body));
}
