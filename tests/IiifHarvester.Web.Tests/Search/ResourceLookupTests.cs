using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Tests.Fixtures;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

public sealed class ResourceLookupTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync(new Dictionary<string, string?> { ["Web:Search:PublicBaseUrl"] = "https://agg.example.org/base/" });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_HarvestedUri_GivesKeyAndLinksUnderThePublicBaseUrl()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/api/resources?uri=" + Uri.EscapeDataString(DemoInstitution.ScrollUri)))!;

        var key = ResourceKey.For(DemoInstitution.ScrollUri);
        Assert.Equal(key, (string?)json["key"]);
        Assert.Equal("Manifest", (string?)json["type"]);
        Assert.Equal($"https://agg.example.org/base/iiif/manifests/{key}", (string?)json["links"]!["manifest"]);
        Assert.Equal($"https://agg.example.org/base/iiif/search/1/{key}", (string?)json["links"]!["search1"]);
        var asia = Assert.Single(json["partOf"]!.AsArray())!;
        Assert.Equal(DemoInstitution.AsiaCollectionUri, (string?)asia["id"]);
        Assert.Equal("Collection", (string?)asia["type"]);
        Assert.Equal("Asia", (string?)asia["label"]!["en"]![0]);
        var top = Assert.Single(asia["partOf"]!.AsArray())!;
        Assert.Equal(DemoInstitution.TopCollectionUri, (string?)top["id"]);
        Assert.Equal("Everything", (string?)top["label"]!["en"]![0]);
        Assert.Null(top["partOf"]);
    }

    [Fact]
    public async Task Get_TopCollection_IsPartOfNothing()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/api/resources?uri=" + Uri.EscapeDataString(DemoInstitution.TopCollectionUri)))!;

        Assert.Empty(json["partOf"]!.AsArray());
    }
}
