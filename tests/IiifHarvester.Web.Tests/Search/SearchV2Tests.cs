using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

public sealed class SearchV2Tests : IAsyncLifetime
{
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Search_Manifest_HasTheShapeOfTheSpecificationExamples()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/2/{BookKey}?q=hand+is&foo=1");

        var corpus = JsonShapes.CorpusPaths("search2",
            "api__search-2.0-block-03.json", "api__search-2.0-block-04.json", "api__search-2.0-block-05.json",
            "api__search-2.0-block-06.json", "api__search-2.0-block-08.json", "api__search-2.0-block-09.json",
            "api__search-2.0-block-10.json", "api__search-2.0-block-11.json");
        var ours = JsonShapes.Paths(json);
        ours.ExceptWith(["items.body.language", "partOf.first.id", "partOf.first.type", "partOf.last.id", "partOf.last.type"]);
        Assert.Subset(corpus, ours);
        Assert.Equal("http://iiif.io/api/search/2/context.json", (string?)json["@context"]);
        Assert.Equal("AnnotationPage", (string?)json["type"]);
        Assert.Equal("AnnotationCollection", (string?)json["partOf"]!["type"]);
        Assert.Equal(1, (int)json["partOf"]!["total"]!);
        Assert.Equal("AnnotationPage", (string?)json["partOf"]!["first"]!["type"]);
        Assert.Equal(["foo"], json["ignored"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task Search_HitAcrossTwoLines_TargetsItsOwnAnnotationWithTheSameSnippetsAsSearch1()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/2/{BookKey}?q=hand+is");
        var v1 = await _host.GetJsonAsync($"/iiif/search/1/{BookKey}?q=hand+is");

        var item = json["items"]!.AsArray().Single()!;
        var hit = json["annotations"]![0]!["items"]!.AsArray().Single()!;
        Assert.Equal("highlighting", (string?)hit["motivation"]);
        Assert.Equal((string?)item["id"], (string?)hit["target"]!["source"]);
        var selector = hit["target"]!["selector"]![0]!;
        Assert.Equal("TextQuoteSelector", (string?)selector["type"]);
        Assert.Equal(("A bird in the ", "hand is", " worth two in the bush."), ((string?)selector["prefix"], (string?)selector["exact"], (string?)selector["suffix"]));
        var v1Hit = v1["hits"]![0]!;
        Assert.Equal(((string?)v1Hit["before"], (string?)v1Hit["match"], (string?)v1Hit["after"]), ((string?)selector["prefix"], (string?)selector["exact"], (string?)selector["suffix"]));
        Assert.Equal("A bird in the hand is worth two in the bush.", (string?)item["body"]!["value"]);
        Assert.Equal("TextualBody", (string?)item["body"]!["type"]);
        Assert.EndsWith("#xywh=100,100,180,60", (string?)item["target"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Collection_TargetsNameTheirManifest()
    {
        var json = await _host.GetJsonAsync($"/iiif/search/2/{ResourceKey.For(DemoInstitution.AsiaCollectionUri)}?q=%E5%A4%A7%E5%AD%A6");

        var items = json["items"]!.AsArray();
        var labels = new Dictionary<string, (string Language, string Label)>(StringComparer.Ordinal)
        {
            [DemoInstitution.ChineseUri] = ("zh", "北京大学藏书"),
            [DemoInstitution.ScrollUri] = ("ja", "東京の絵巻"),
        };
        Assert.Equal(2, (int)json["partOf"]!["total"]!);
        Assert.Equal(2, items.Count);
        Assert.Equal(labels.Keys.Order(StringComparer.Ordinal), items.Select(i => (string)i!["target"]!["partOf"]![0]!["id"]!).Order(StringComparer.Ordinal));
        foreach (var item in items)
        {
            Assert.Equal("Canvas", (string?)item!["target"]!["type"]);
            var partOf = item["target"]!["partOf"]!.AsArray().Single()!;
            var (language, label) = labels[(string)partOf["id"]!];
            Assert.Equal("Manifest", (string?)partOf["type"]);
            Assert.Equal(label, (string?)partOf["label"]![language]![0]);
            Assert.StartsWith(DemoInstitution.Canvas((string)partOf["id"]!, 1) + "#xywh=", (string?)item["target"]!["id"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Search_Response_IsJsonLdWithSearch2Profile()
    {
        using var response = await _host.Client.GetAsync($"/iiif/search/2/{BookKey}?q=bird");

        Assert.Equal("application/ld+json; profile=\"http://iiif.io/api/search/2/context.json\"", response.Content.Headers.ContentType!.ToString());
    }
}
