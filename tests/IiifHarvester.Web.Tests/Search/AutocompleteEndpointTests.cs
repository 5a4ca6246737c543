using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

public sealed class AutocompleteEndpointTests : IAsyncLifetime
{
    private static readonly string BookKey = ResourceKey.For(DemoInstitution.BookUri);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Autocomplete1_HasTheShapeOfRealTermLists()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/1/{BookKey}/autocomplete?q=bi&motivation=painting"))!;

        var corpus = JsonShapes.CorpusPaths("search1", "dbmdz__fullResponse.json", "dbmdz__fullResponseWithLabels.json", "helpers__search1_autocomplete.json");
        Assert.Subset(corpus, JsonShapes.Paths(json));
        Assert.Equal("search:TermList", (string?)json["@type"]);
        var terms = json["terms"]!.AsArray();
        Assert.Equal(["bird", "birds"], terms.Select(t => (string)t!["match"]!));
        Assert.Equal(1, (int)terms[0]!["count"]!);
        Assert.Equal($"http://localhost/iiif/search/1/{BookKey}?q=bird&motivation=painting", (string?)terms[0]!["url"]);
        Assert.Null(json["ignored"]);
    }

    [Fact]
    public async Task Autocomplete1_UnknownParameter_IsIgnored()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/1/{BookKey}/autocomplete?q=bi&page=2"))!;

        Assert.Equal(["page"], json["ignored"]!.AsArray().Select(i => (string)i!));
    }

    [Fact]
    public async Task Autocomplete2_IsATermPage()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/2/{ResourceKey.For(DemoInstitution.ScrollUri)}/autocomplete?q=%E4%BA%AC"))!;

        var corpus = JsonShapes.CorpusPaths("search2", "api__search-2.0-block-12.json", "api__search-2.0-block-13.json");
        Assert.Subset(corpus, JsonShapes.Paths(json));
        Assert.Equal("TermPage", (string?)json["type"]);
        Assert.Contains(json["items"]!.AsArray(), t => (string?)t!["value"] == "京都" && (int)t["total"]! == 2 && (string?)t["type"] == "Term");
    }

    [Fact]
    public async Task Autocomplete_All_CompletesAcrossManifests()
    {
        const string uri = DemoInstitution.Base + "/farm/manifest";
        var canvas = DemoInstitution.Canvas(uri, 1);
        _host.Index.Upsert(DemoInstitution.Indexed(
            uri, DemoInstitution.Manifest(uri, "Farm accounts", "en", [canvas], "Demo Library"), [DemoInstitution.OcrLine(canvas, "a bushel of wheat", 100, 100)], []));
        _host.Index.Commit(2);

        var all = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/search/1/all/autocomplete?q=bush"))!;
        var book = JsonNode.Parse(await _host.Client.GetStringAsync($"/iiif/search/1/{BookKey}/autocomplete?q=bush"))!;

        Assert.Equal(["bush", "bushel"], all["terms"]!.AsArray().Select(t => (string)t!["match"]!).Order(StringComparer.Ordinal));
        Assert.Equal(["bush"], book["terms"]!.AsArray().Select(t => (string)t!["match"]!));
    }
}
