using System.Text.Json.Nodes;
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
    public async Task Catalog_Words_MatchLabelsAndMetadata()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/iiif/catalog?q=birds"))!;

        Assert.Equal("A Book of Birds", (string?)json["items"]![0]!["label"]!["en"]![0]);
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
}
