using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IiifHarvester.Demo;
using IiifHarvester.EndToEnd.Tests.Schema;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// Collection membership end to end: an institution whose collection tree is top → sub (a paged Presentation 2
/// collection) → its pages → manifests, with a second collection sharing a manifest, harvested through the real host;
/// then searched by collection and looked up, and harvested again after a collection drops a member. Beside it, a
/// source that only has a Discovery stream.
/// </summary>
public sealed partial class CollectionMembershipTests : IAsyncLifetime
{
    private WireMockInstitution _institution = null!;
    private DemoServer _demo = null!;
    private HostFactory _host = null!;
    private HttpClient _client = null!;

    private string Top => Tree("top");

    private string Sub => Tree("sub");

    private string Other => Tree("other");

    public async Task InitializeAsync()
    {
        _institution = WireMockInstitution.Create().WithManifests(6).WithPresentationVersion(3).Build();
        _institution.ServeCollection("/tree/top.json", "Top", [(Sub, true, "Sub"), (Other, true, "Other"), (Manifest(5), false, "m5")], 3);
        _institution.ServeCollection("/tree/sub.json", "Sub", [], 2, first: Tree("sub-page-0"));
        _institution.ServeCollection("/tree/sub-page-0.json", "Sub, page 1", [(Manifest(0), false, "m0"), (Manifest(1), false, "m1")], 2, next: Tree("sub-page-1"));
        _institution.ServeCollection("/tree/sub-page-1.json", "Sub, page 2", [(Manifest(2), false, "m2"), (Manifest(3), false, "m3")], 2);
        _institution.ServeCollection("/tree/other.json", "Other", [(Manifest(3), false, "m3"), (Manifest(4), false, "m4")], 3);

        _demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 3, CanvasesPerManifest = 1, LinesPerCanvas = 2 });
        _host = new HostFactory(_demo.Institution, new Dictionary<string, string?>
        {
            ["Sources:tree:Name"] = "Tree Library",
            ["Sources:tree:Collections:0"] = Top,
            ["Sources:tree:AllowPrivateNetworks"] = "true",
            ["Sources:tree:RequestsPerSecond"] = "1000",
            ["Sources:tree:MaxConcurrency"] = "16",
            ["Sources:tree:Schedule"] = "0 0 3 * * ?",
        });
        _client = _host.CreateClient();
        await HarvestAsync("tree");
        await HarvestAsync("demo");
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _demo.DisposeAsync();
        _institution.Dispose();
    }

    [Fact]
    public async Task Harvest_NestedPagedAndSharedCollections_RecordsEveryManifestsCollectionsAtEveryDepth()
    {
        var store = _host.Services.GetRequiredService<IDocumentStore>();

        Assert.Equal([new CollectionMembership(Sub, 1), new CollectionMembership(Top, 2)], await store.GetCollectionsOfAsync(Manifest(0), default));
        Assert.Equal([new CollectionMembership(Sub, 1), new CollectionMembership(Top, 2)], await store.GetCollectionsOfAsync(Manifest(2), default));
        Assert.Equal(
            [new CollectionMembership(Other, 1), new CollectionMembership(Sub, 1), new CollectionMembership(Top, 2)],
            await store.GetCollectionsOfAsync(Manifest(3), default));
        Assert.Equal([new CollectionMembership(Top, 1)], await store.GetCollectionsOfAsync(Manifest(5), default));
        Assert.Equal([new CollectionMembership(Top, 1)], await store.GetCollectionsOfAsync(Sub, default));
        Assert.Empty(await store.GetCollectionsOfAsync(Top, default));
        Assert.Empty(await store.GetCollectionsOfAsync(_demo.Institution.ManifestUri(0), default));
    }

    [Fact]
    public async Task Search_ByCollection_FindsExactlyTheManifestsInItAtAnyDepth()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5], await SearchManifestsAsync(Top));
        Assert.Equal([0, 1, 2, 3], await SearchManifestsAsync(Sub));
        Assert.Equal([3, 4], await SearchManifestsAsync(Other));
        Assert.Equal([3, 4], await SearchManifestsAsync(Other, version: 1));
    }

    [Fact]
    public async Task Resources_AManifestInTwoCollections_IsPartOfBothAndOfWhatHoldsThem()
    {
        var json = await ResourceAsync(Manifest(3));

        var partOf = json["partOf"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal([Other, Sub], partOf.Select(p => (string?)p["id"]).Order(StringComparer.Ordinal));
        Assert.All(partOf, p => Assert.Equal("Collection", (string?)p["type"]));
        var sub = partOf.Single(p => (string?)p["id"] == Sub);
        Assert.Equal("Sub", (string?)sub["label"]!["none"]![0]);
        var top = Assert.Single(sub["partOf"]!.AsArray())!;
        Assert.Equal(Top, (string?)top["id"]);
        Assert.Equal("Top", (string?)top["label"]!["en"]![0]);
        Assert.Equal(Top, (string?)partOf.Single(p => (string?)p["id"] == Other)["partOf"]![0]!["id"]);
    }

    [Fact]
    public async Task Manifest_OurV3Copy_IsPartOfOurCopiesOfTheCollectionsThatListItAndPassesTheSchema()
    {
        var copy = JsonNode.Parse(await _client.GetStringAsync(new Uri($"/iiif/manifests/{ResourceKey.For(Manifest(3))}", UriKind.Relative)))!;

        // The fixture's canvases have no items (the schema says so); partOf must add nothing to what it finds.
        var withoutPartOf = copy.DeepClone().AsObject();
        withoutPartOf.Remove("partOf");
        var errors = PresentationSchema.Errors(copy);
        Assert.Equal(PresentationSchema.Errors(withoutPartOf), errors);
        Assert.DoesNotContain(errors, e => e.Contains("partOf", StringComparison.Ordinal));
        var partOf = copy["partOf"]!.AsArray().Select(p => p!).ToList();
        Assert.Equal(new[] { Other, Sub }.Select(ResourceKey.For), partOf.Select(p => ((string)p["id"]!).Split('/')[^1]));
        Assert.Equal("Other", (string?)partOf[0]["label"]!["en"]![0]);
        foreach (var collection in partOf)
        {
            using var response = await _client.GetAsync(new Uri(new Uri((string)collection["id"]!).PathAndQuery, UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Resources_AManifestFromADiscoveryStreamOnlySource_IsPartOfNothing()
    {
        var json = await ResourceAsync(_demo.Institution.ManifestUri(1));

        Assert.Empty(json["partOf"]!.AsArray());
    }

    [Fact]
    public async Task Reharvest_ACollectionDropsAManifest_ItLeavesThatCollectionOnly()
    {
        _institution.ServeCollection("/tree/other.json", "Other", [(Manifest(4), false, "m4")], 3);

        await HarvestAsync("tree");

        Assert.Equal(
            [new CollectionMembership(Sub, 1), new CollectionMembership(Top, 2)],
            await _host.Services.GetRequiredService<IDocumentStore>().GetCollectionsOfAsync(Manifest(3), default));
        Assert.Equal([4], await SearchManifestsAsync(Other));
        Assert.Equal([0, 1, 2, 3], await SearchManifestsAsync(Sub));
        Assert.Equal([Sub], (await ResourceAsync(Manifest(3)))["partOf"]!.AsArray().Select(p => (string?)p!["id"]));
    }

    private async Task HarvestAsync(string source)
    {
        var definition = _host.Services.GetRequiredService<SourceCatalog>().Find(source)!;
        var result = await _host.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(definition, default);
        Assert.False(result.SourceFailed, string.Join('\n', result.Errors));
        Assert.Empty(result.Errors);
    }

    /// <summary>The manifests (by index) whose text a collection-scoped Content Search finds.</summary>
    private async Task<List<int>> SearchManifestsAsync(string collection, int version = 2)
    {
        var answer = await _client.GetStringAsync(new Uri($"/iiif/search/{version}/{ResourceKey.For(collection)}?q=transcribed", UriKind.Relative));
        var hits = JsonNode.Parse(answer)![version == 2 ? "items" : "resources"]!.AsArray();
        Assert.NotEmpty(hits);
        return hits
            .Select(h => int.Parse(CanvasOfManifest().Match(h!.ToJsonString()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Distinct()
            .Order()
            .ToList();
    }

    private async Task<JsonNode> ResourceAsync(string uri) =>
        JsonNode.Parse(await _client.GetStringAsync(new Uri("/api/resources?uri=" + Uri.EscapeDataString(uri), UriKind.Relative)))!;

    private string Tree(string name) => $"{_institution.BaseUrl}/tree/{name}.json";

    private string Manifest(int index) => _institution.ManifestUri(index).AbsoluteUri;

    [GeneratedRegex(@"/manifests/(\d+)/canvas/")]
    private static partial Regex CanvasOfManifest();
}
