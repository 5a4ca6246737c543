using System.Text.Json.Nodes;
using IiifHarvester.Web.Portal;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Web.Tests.Search;
using Xunit;

namespace IiifHarvester.Web.Tests.Catalog;

public sealed class CatalogEndpointTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Catalog_Filters_ReturnHitsAndFacets()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?provider=Demo%20Museum&type=Manifest"))!;

        Assert.Equal(2, (int)json["total"]!);
        Assert.All(json["items"]!.AsArray(), i => Assert.StartsWith("http://localhost/iiif/manifests/", (string?)i!["manifest"], StringComparison.Ordinal));
        Assert.Contains(json["facets"]!["language"]!.AsArray(), f => (string?)f!["value"] == "zh" && (int)f["count"]! == 1);
    }

    [Fact]
    public async Task Catalog_Collection_GivesWhatIsInItAtAnyDepth()
    {
        var inAsia = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?collection=" + Uri.EscapeDataString(DemoInstitution.AsiaCollectionUri)))!;
        var inTop = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?collection=" + Uri.EscapeDataString(DemoInstitution.TopCollectionUri)))!;

        Assert.Equal([DemoInstitution.ChineseUri, DemoInstitution.ScrollUri], inAsia["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { DemoInstitution.AsiaCollectionUri, DemoInstitution.BookUri, DemoInstitution.ChineseUri, DemoInstitution.ScrollUri }.Order(StringComparer.Ordinal),
            inTop["items"]!.AsArray().Select(i => (string)i!["id"]!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Catalog_Words_MatchLabelsAndMetadata()
    {
        // "book" is in the Book's label and in no line of any text; "tides" only in this label, "baskerville" only in a metadata value.
        const string uri = DemoInstitution.Base + "/almanac/manifest";
        var manifest = DemoInstitution.Manifest(uri, "Almanac of Tides", "en", [], "Demo Library") with
        {
            Summary = DemoInstitution.Map("en", "A printed sheet"),
            Metadata = [new MetadataEntry(DemoInstitution.Map("en", "Printer"), DemoInstitution.Map("en", "John Baskerville"))],
        };
        _host.Index.Upsert(DemoInstitution.Indexed(uri, manifest, [], []));
        _host.Index.Commit(2);

        var byBookLabel = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?q=book"))!;
        var byLabel = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?q=tides"))!;
        var byMetadata = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?q=baskerville"))!;

        var book = Assert.Single(byBookLabel["items"]!.AsArray())!;
        Assert.Equal(DemoInstitution.BookUri, (string?)book["id"]);
        Assert.Equal(0, (int)book["textHits"]!);
        Assert.True((bool)book["metadataMatched"]!);
        foreach (var json in new[] { byLabel, byMetadata })
        {
            var item = Assert.Single(json["items"]!.AsArray())!;
            Assert.Equal(uri, (string?)item["id"]);
            Assert.Equal(0, (int)item["textHits"]!);
            Assert.True((bool)item["metadataMatched"]!);
        }
    }

    [Fact]
    public async Task CatalogCollection_IsAPresentation3Collection()
    {
        using var response = await _host.Client.GetAsync("/iiif/catalog/collection?source=demo");
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("http://iiif.io/api/presentation/3/context.json", (string?)json["@context"]);
        Assert.Equal("Collection", (string?)json["type"]);
        Assert.Equal(5, json["items"]!.AsArray().Count);
        Assert.Contains(json["items"]!.AsArray(), i => (string?)i!["type"] == "Collection");
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Catalog_WordInFullText_ReturnsTheObjectWithHitsSnippetsAndContentStates()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?q=bush"))!;

        var item = Assert.Single(json["items"]!.AsArray())!;
        Assert.Equal(2, (int)item["textHits"]!);
        Assert.False((bool)item["metadataMatched"]!);
        var snippet = item["snippets"]![0]!;
        Assert.Equal("bush", (string?)snippet["match"]);
        Assert.Equal("https://demo.example.org/iiif/book/canvas/1", (string?)snippet["canvas"]);
        var state = JsonNode.Parse(ContentState.Decode((string)snippet["contentState"]!)!)!;
        Assert.Equal($"https://demo.example.org/iiif/book/canvas/1#xywh={(string?)snippet["region"]}", (string?)state["target"]!["id"]);
        Assert.Equal((string?)item["manifest"], (string?)state["target"]!["partOf"]![0]!["id"]);
        Assert.Equal("Manifest", (string?)JsonNode.Parse(ContentState.Decode((string)item["contentState"]!)!)!["target"]!["type"]);
    }

    [Fact]
    public async Task Catalog_NewFiltersAndSort_NarrowAndOrder()
    {
        // Commented objects from 1820, 1850 (the Book) and 1950; one from 1830 with OCR and no comment; the Scroll and the Chinese book undated.
        var early = Dated("early", 1820, commented: true);
        var late = Dated("late", 1950, commented: true);
        var uncommented = Dated("uncommented", 1830, commented: false);
        foreach (var resource in new[] { early, late, uncommented })
        {
            _host.Index.Upsert(resource);
        }

        _host.Index.Commit(2);

        var newestFirst = await IdsAsync("/iiif/catalog?text=commentary&sort=-date");
        var oldestFirst = await IdsAsync("/iiif/catalog?text=commentary&sort=date");
        var inCentury = await IdsAsync("/iiif/catalog?century=1800&sort=date");
        var byText = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?text=commentary&century=1800&sort=-date"))!;
        var inDecade = await IdsAsync("/iiif/catalog?decade=1820");
        var badYear = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?century=soon"))!;

        Assert.Equal([late.Uri, DemoInstitution.BookUri, early.Uri], newestFirst);
        Assert.Equal([early.Uri, DemoInstitution.BookUri, late.Uri], oldestFirst);
        Assert.Equal([early.Uri, uncommented.Uri, DemoInstitution.BookUri], inCentury);
        Assert.Equal(2, (int)byText["total"]!);
        Assert.Equal([DemoInstitution.BookUri, early.Uri], byText["items"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal([early.Uri], inDecade);
        Assert.Equal(0, (int)badYear["total"]!);
        Assert.Contains(byText["facets"]!["decade"]!.AsArray(), f => (string?)f!["value"] == "1850");
    }

    [Fact]
    public async Task Catalog_HostileHtmlInMetadata_IsSanitizedToTheIiifSubset()
    {
        const string uri = DemoInstitution.Base + "/hostile/manifest";
        var manifest = DemoInstitution.Manifest(uri, "<p>Hostile <b>charter</b><script>alert(163)</script></p>", "en", [], "Demo Library") with
        {
            Metadata = [new MetadataEntry(DemoInstitution.Map("en", "Note"), DemoInstitution.Map("en", "<script>alert(163)</script>"))],
        };
        _host.Index.Upsert(DemoInstitution.Indexed(uri, manifest, [], []));
        _host.Index.Commit(2);

        var body = await _host.Client.GetStringAsync("/iiif/catalog?q=hostile");
        var item = JsonNode.Parse(body)!["items"]!.AsArray().Single()!;

        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\\u003Cscript", body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("<p>Hostile <b>charter</b></p>", (string?)item["label"]!["en"]![0]);
        Assert.Equal("<span></span>", (string?)item["metadata"]![0]!["value"]!["en"]![0]);
    }

    [Fact]
    public async Task CatalogCollection_ManyPages_ReachesEveryHitThroughNestedCollections()
    {
        await using var host = await SearchApiHost.StartAsync(new Dictionary<string, string?> { ["Indexing:CatalogPageSize"] = "2" });

        var top = JsonNode.Parse(await host.Client.GetStringAsync("/iiif/catalog/collection?source=demo"))!;
        var pages = top["items"]!.AsArray();
        var hits = new List<string>();
        foreach (var page in pages)
        {
            Assert.Equal("Collection", (string?)page!["type"]);
            var listed = JsonNode.Parse(await host.Client.GetStringAsync((string)page["id"]!))!;
            Assert.Equal((string?)top["id"], (string?)listed["partOf"]![0]!["id"]);
            hits.AddRange(listed["items"]!.AsArray().Select(i => (string)i!["id"]!));
        }

        Assert.Null(top["seeAlso"]);
        Assert.Equal(3, pages.Count);
        Assert.Equal(5, hits.Distinct().Count());
        Assert.Equal(5, hits.Count);
    }

    /// <summary>A manifest of <paramref name="year"/> with one line of text on its canvas: a comment, or else an OCR line.</summary>
    private static IndexedResource Dated(string name, int year, bool commented)
    {
        var uri = $"{DemoInstitution.Base}/{name}/manifest";
        var canvas = DemoInstitution.Canvas(uri, 1);
        var line = commented
            ? new AnnotationRecord
            {
                Id = $"{DemoInstitution.Base}/{name}/annotation/comment-1",
                Text = "A note on the drawing",
                Language = "en",
                Motivation = "commenting",
                CanvasId = canvas,
                Region = new Region(10, 10, 50, 50),
                ManifestId = uri,
            }
            : DemoInstitution.OcrLine(canvas, "A note on the drawing", 100, 100);
        var manifest = DemoInstitution.Manifest(uri, $"Drawing {name}", "en", [canvas], "Demo Library", navDate: new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero));
        return DemoInstitution.Indexed(uri, manifest, [line], []);
    }

    /// <summary>The ids of the catalog's items at <paramref name="url"/>, in the order listed.</summary>
    private async Task<List<string>> IdsAsync(string url) =>
        [.. JsonNode.Parse(await _host.Client.GetStringAsync(url))!["items"]!.AsArray().Select(i => (string)i!["id"]!)];
}
