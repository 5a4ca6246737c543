using System.Net;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

public sealed class SearchV1Tests : IAsyncLifetime
{
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Search_Manifest_HasTheShapeOfRealSearch1Answers()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bird");

        var corpus = JsonShapes.CorpusPaths("search1",
            "dbmdz__basicSearch.json", "dbmdz__snippets.json", "dbmdz__withIgnored.json", "dbmdz__multiAnnotationHits.json",
            "dbmdz__targetResource.json", "helpers__search1_search.json", "mirador__searchManifest.results.json",
            "mirador__scta-info-pl-zbsSII72.results.json");
        var ours = JsonShapes.Paths(json);
        ours.ExceptWith(["resources.annotatedBy", "resources.annotatedAt"]);
        Assert.Subset(corpus, ours);
        Assert.Equal(["http://iiif.io/api/presentation/2/context.json", "http://iiif.io/api/search/1/context.json"],
            json["@context"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("sc:AnnotationList", (string?)json["@type"]);
        Assert.Equal("sc:Layer", (string?)json["within"]!["@type"]);
        Assert.Equal(3, (int)json["within"]!["total"]!);
        Assert.Equal(0, (int)json["startIndex"]!);
    }

    [Fact]
    public async Task Search_Manifest_AnswersWhatMiradorAndUniversalViewerRead()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=hand");

        var resource = json["resources"]!.AsArray().Single()!;
        var hit = json["hits"]!.AsArray().Single()!;
        Assert.Equal(DemoInstitution.Canvas(DemoInstitution.BookUri, 1) + "#xywh=240,100,40,20", (string?)resource["on"]);
        Assert.Equal("A bird in the hand", (string?)resource["resource"]!["chars"]);
        Assert.Equal("sc:painting", (string?)resource["motivation"]);
        Assert.Equal((string?)resource["@id"], (string?)hit["annotations"]![0]);
        Assert.StartsWith($"http://localhost/iiif/annotations/{BookKey}/", (string?)resource["@id"], StringComparison.Ordinal);
        Assert.Equal("search:Hit", (string?)hit["@type"]);
        Assert.Equal("A bird in the ", (string?)hit["before"]);
        Assert.Equal("hand", (string?)hit["match"]);
        Assert.Equal(string.Empty, (string?)hit["after"]);
    }

    [Fact]
    public async Task Search_EveryHit_HasItsOwnAnnotationSoViewersCountAlike()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=the");

        var hits = json["hits"]!.AsArray();
        var ids = json["resources"]!.AsArray().Select(r => (string)r!["@id"]!).ToList();
        Assert.Equal(3, hits.Count);
        Assert.Equal(hits.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ids, hits.Select(h => (string)h!["annotations"]!.AsArray().Single()!));
    }

    [Fact]
    public async Task Search_WordsAcrossLines_IsOneHitWithOneAnnotationOverTheirWordBoxes()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=hand+is");

        var hit = json["hits"]!.AsArray().Single()!;
        Assert.Equal("hand is", (string?)hit["match"]);
        Assert.Single(hit["annotations"]!.AsArray());
        Assert.EndsWith("#xywh=100,100,180,60", (string?)json["resources"]!.AsArray().Single()!["on"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_LineLevelTranscription_ShowsTheLineOnTheHitsShareOfItsBox()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{ResourceKey.For(DemoInstitution.ScrollUri)}?q=%E5%9B%B3%E6%9B%B8%E9%A4%A8");

        var resource = json["resources"]!.AsArray().Single()!;
        Assert.EndsWith("#xywh=167,50,125,40", (string?)resource["on"], StringComparison.Ordinal);
        Assert.Equal("京都大学図書館所蔵の絵巻", (string?)resource["resource"]!["chars"]);
        Assert.Equal("図書館", (string?)json["hits"]![0]!["match"]);
    }

    [Fact]
    public async Task Search_Collection_NamesTheManifestOfEachAnnotation()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{ResourceKey.For(DemoInstitution.TopCollectionUri)}?q=%E4%BA%AC%E9%83%BD");

        var resources = json["resources"]!.AsArray();
        Assert.Equal(2, (int)json["within"]!["total"]!);
        Assert.Equal(2, resources.Count);
        Assert.All(resources, resource =>
        {
            var on = resource!["on"]!;
            Assert.Equal(DemoInstitution.ScrollUri, (string?)on["within"]!["@id"]);
            Assert.Equal("sc:Manifest", (string?)on["within"]!["@type"]);
            Assert.Equal("東京の絵巻", (string?)on["within"]!["label"]);
            Assert.StartsWith(DemoInstitution.Canvas(DemoInstitution.ScrollUri, 1) + "#xywh=", (string?)on["@id"], StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Search_Collection_OnIsTheCanvasAndWithinWithoutATypeAsTheSpecShowsIt()
    {
        // @iiif/parser (vault) reads an "on" object with an @type as an oa:SpecificResource and throws on its "full".
        var json = await _host.GetJsonAsync($"/iiif/search/1/{ResourceKey.For(DemoInstitution.TopCollectionUri)}?q=%E4%BA%AC%E9%83%BD");

        Assert.All(json["resources"]!.AsArray(), resource =>
            Assert.Equal(["@id", "within"], resource!["on"]!.AsObject().Select(p => p.Key)));
    }

    [Fact]
    public async Task Search_All_SpansInstitutions()
    {
        const string otherUri = "https://other.example.org/iiif/map/manifest";
        var canvas = DemoInstitution.Canvas(otherUri, 1);
        var other = DemoInstitution.Indexed(
            otherUri,
            DemoInstitution.Manifest(otherUri, "東北大学の地図", "ja", [canvas], "Other Library"),
            [DemoInstitution.Transcription(otherUri, canvas, "line-1", "東北大学附属図書館", "ja", new Region(0, 0, 400, 40))],
            []) with { SourceKey = "other", SourceName = "Other Institution" };
        _host.Index.Upsert(other);
        _host.Index.Commit(2);

        var json = await _host.GetJsonAsync("/iiif/search/1/all?q=%E5%A4%A7%E5%AD%A6");

        Assert.Equal(3, (int)json["within"]!["total"]!);
        Assert.Equal(
            [DemoInstitution.ChineseUri, DemoInstitution.ScrollUri, otherUri],
            json["resources"]!.AsArray().Select(r => (string)r!["on"]!["within"]!["@id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_UnknownParameter_IsReportedIgnored()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bird&foo=bar");

        Assert.Equal(["foo"], json["within"]!["ignored"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task Search_Filters_AreApplied()
    {
        const string motivation = "motivation=commenting";
        var user = "user=" + Uri.EscapeDataString(DemoInstitution.Commenter);
        const string date = "date=2024-01-01T00:00:00Z/2024-12-31T23:59:59Z";
        var json = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bird&{motivation}&{user}&{date}");
        var otherMotivation = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bird&motivation=supplementing&{user}&{date}");
        var otherUser = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bird&{motivation}&user={Uri.EscapeDataString("https://demo.example.org/users/bob")}&{date}");
        var otherDates = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=bird&{motivation}&{user}&date=2024-05-07T00:00:00Z/2024-12-31T23:59:59Z");

        var resource = json["resources"]!.AsArray().Single()!;
        Assert.Equal("A lovely bird drawing", (string?)resource["resource"]!["chars"]);
        Assert.Equal("oa:commenting", (string?)resource["motivation"]);
        Assert.Null(json["within"]!["ignored"]);
        Assert.Equal(0, (int)otherMotivation["within"]!["total"]!);
        Assert.Equal(0, (int)otherUser["within"]!["total"]!);
        Assert.Equal(0, (int)otherDates["within"]!["total"]!);
    }

    [Fact]
    public async Task Search_Response_HasMediaTypeCorsAndETag()
    {
        using var response = await _host.Client.GetAsync($"/iiif/search/1/{BookKey}?q=bird");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/search/1/{BookKey}?q=bird");
        request.Headers.TryAddWithoutValidation("If-None-Match", response.Headers.ETag!.ToString());
        using var revalidated = await _host.Client.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("max-age=60", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Search_AcceptJsonLd_GetsJsonLdWithProfile()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/iiif/search/1/{BookKey}?q=bird");
        request.Headers.TryAddWithoutValidation("Accept", "application/ld+json");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal("application/ld+json; profile=\"http://iiif.io/api/search/1/context.json\"", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Preflight_Options_AllowsAnyOrigin()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, $"/iiif/search/1/{BookKey}");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
