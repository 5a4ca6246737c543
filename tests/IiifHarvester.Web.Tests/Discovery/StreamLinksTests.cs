using System.Text;
using System.Text.Json.Nodes;
using IiifHarvester.Web.Tests.Edge;
using IiifHarvester.Web.Tests.Search;
using Xunit;

namespace IiifHarvester.Web.Tests.Discovery;

/// <summary>Where the links of our Change Discovery stream point: Web:PublicBaseUrl, or else the request's origin.</summary>
public sealed class StreamLinksTests
{
    private const string PublicBase = "https://iiif.example.org/harvester";

    [Fact]
    public async Task Collection_PublicBaseUrlSet_IdFirstAndLastUnderItWhateverTheRequestNames()
    {
        await using var host = await StartAsync(PublicBase);

        var (body, json) = await GetAsync(host, ForeignOrigin.Get("/iiif/discovery/changes"));

        Assert.Equal(PublicBase + "/iiif/discovery/changes", (string?)json["id"]);
        Assert.Equal(PublicBase + "/iiif/discovery/changes/page/0", (string?)json["first"]!["id"]);
        Assert.Equal(PublicBase + "/iiif/discovery/changes/page/2", (string?)json["last"]!["id"]);
        Assert.All(Ids(json), id => Assert.StartsWith(PublicBase + "/", id, StringComparison.Ordinal));
        Assert.False(ForeignOrigin.Leaks(body), body);
    }

    [Fact]
    public async Task Page_PublicBaseUrlSet_EveryIdPartOfPrevNextAndObjectUnderItWhateverTheRequestNames()
    {
        await using var host = await StartAsync(PublicBase);

        var (body, json) = await GetAsync(host, ForeignOrigin.Get("/iiif/discovery/changes/page/1"));

        Assert.Equal(PublicBase + "/iiif/discovery/changes/page/1", (string?)json["id"]);
        Assert.Equal(PublicBase + "/iiif/discovery/changes", (string?)json["partOf"]!["id"]);
        Assert.Equal(PublicBase + "/iiif/discovery/changes/page/0", (string?)json["prev"]!["id"]);
        Assert.Equal(PublicBase + "/iiif/discovery/changes/page/2", (string?)json["next"]!["id"]);
        var items = json["orderedItems"]!.AsArray();
        Assert.Equal(100, items.Count);
        Assert.All(items, a =>
        {
            Assert.StartsWith(PublicBase + "/iiif/discovery/activities/", (string?)a!["id"], StringComparison.Ordinal);
            Assert.StartsWith(PublicBase + "/iiif/manifests/", (string?)a["object"]!["id"], StringComparison.Ordinal);
        });
        Assert.All(Ids(json), id => Assert.StartsWith(PublicBase + "/", id, StringComparison.Ordinal));
        Assert.False(ForeignOrigin.Leaks(body), body);
    }

    [Theory]
    [InlineData(false, "http://" + ForeignOrigin.Host)]
    [InlineData(true, "https://" + ForeignOrigin.ForwardedHost + ForeignOrigin.ForwardedPrefix)]
    public async Task Page_NoPublicBaseUrl_EveryIdUnderTheRequestOriginAfterForwardedHeaders(bool forwarded, string origin)
    {
        await using var host = await StartAsync(publicBase: null);

        var (_, json) = await GetAsync(host, ForeignOrigin.Get("/iiif/discovery/changes/page/1", forwarded));

        Assert.Equal(origin + "/iiif/discovery/changes/page/1", (string?)json["id"]);
        Assert.Equal(origin + "/iiif/discovery/changes", (string?)json["partOf"]!["id"]);
        Assert.StartsWith(origin + "/iiif/manifests/", (string?)json["orderedItems"]![0]!["object"]!["id"], StringComparison.Ordinal);
        Assert.All(Ids(json), id => Assert.StartsWith(origin + "/", id, StringComparison.Ordinal));
    }

    /// <summary>A host whose store holds 250 changes: three pages, so page 1 has both prev and next.</summary>
    private static async Task<SearchApiHost> StartAsync(string? publicBase)
    {
        var host = await SearchApiHost.StartAsync(publicBase is null ? null : new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = publicBase });
        for (var i = 0; i < 250; i++)
        {
            host.Store.Add($"https://x.example.org/iiif/m{i}", Encoding.UTF8.GetBytes("{}"), deleted: i % 10 == 0);
        }

        return host;
    }

    private static async Task<(string Body, JsonNode Json)> GetAsync(SearchApiHost host, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await host.Client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadAsStringAsync();
            return (body, JsonNode.Parse(body)!);
        }
    }

    /// <summary>Every <c>id</c> in the document, at any depth (<c>canonical</c>, the institution's URI, is not one).</summary>
    private static List<string> Ids(JsonNode? node) => node switch
    {
        JsonObject o => [.. o.SelectMany(p => p.Key == "id" && p.Value is JsonValue v ? [v.GetValue<string>()] : Ids(p.Value))],
        JsonArray a => [.. a.SelectMany(Ids)],
        _ => [],
    };
}
