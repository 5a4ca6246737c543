using System.Text.Json.Nodes;
using IiifHarvester.Images;
using IiifHarvester.Storage.Cluster;
using IiifHarvester.Web.Tests.Edge;
using IiifHarvester.Web.Tests.Search;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Web.Tests.Home;

public sealed class HomeTests : IAsyncLifetime
{
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Get_Root_SaysWhatUnquotedWordsMatch()
    {
        var json = JsonNode.Parse(await _host.Client.GetStringAsync("/"))!;

        var query = (string?)json["query"];
        Assert.Contains("Unquoted words match as the phrase first", query, StringComparison.Ordinal);
        Assert.Contains("then each word", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Root_PublicBaseUrlSet_EveryEndpointUnderItWhateverTheRequestNames()
    {
        const string publicBase = "https://iiif.example.org/harvester";
        await using var host = await SearchApiHost.StartAsync(new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = publicBase });
        using var request = ForeignOrigin.Get("/");

        using var response = await host.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        var endpoints = Endpoints(body);
        Assert.Equal(publicBase + "/iiif/discovery/changes", endpoints["discovery"]);
        Assert.Equal(publicBase + "/iiif/search/1/{key}?q=", endpoints["search1"]);
        Assert.All(endpoints.Values, url => Assert.StartsWith(publicBase + "/", url, StringComparison.Ordinal));
        Assert.False(ForeignOrigin.Leaks(body), body);
    }

    [Theory]
    [InlineData(false, "http://" + ForeignOrigin.Host)]
    [InlineData(true, "https://" + ForeignOrigin.ForwardedHost + ForeignOrigin.ForwardedPrefix)]
    public async Task Get_Root_NoPublicBaseUrl_EveryEndpointUnderTheRequestOriginAfterForwardedHeaders(bool forwarded, string origin)
    {
        using var request = ForeignOrigin.Get("/", forwarded);

        using var response = await _host.Client.SendAsync(request);

        var endpoints = Endpoints(await response.Content.ReadAsStringAsync());
        Assert.Equal(origin + "/iiif/manifests/{key}", endpoints["manifests"]);
        Assert.All(endpoints.Values, url => Assert.StartsWith(origin + "/", url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_Root_ImagesRoutePrefixSet_ImagesLinkUnderIt()
    {
        await using var host = await SearchApiHost.StartAsync(configure: s => s.Configure<ImagesOptions>(o => o.RoutePrefix = "/img"));

        var endpoints = Endpoints(await host.Client.GetStringAsync("/"));

        Assert.Equal("http://localhost/img/{key}/info.json", endpoints["images"]);
    }

    [Theory]
    [InlineData(false, 1234, 503, "catching up: 1234 changes behind")]
    [InlineData(true, 3, 200, "ok")]
    public async Task Get_Healthz_SearchNodeLaggingOrNot_SaysWhetherToSendItSearches(bool ready, long lag, int status, string text)
    {
        // A search node more than Cluster:MaxLag changes behind the shared log is taken out of the load balancer.
        await using var host = await SearchApiHost.StartAsync(configure: s => s.AddSingleton<ILocalNode>(new Node(ready, lag)));

        using var response = await host.Client.GetAsync("/healthz");

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(text, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The links of the description, by name; there are eight.</summary>
    private static Dictionary<string, string> Endpoints(string body)
    {
        var endpoints = JsonNode.Parse(body)!["endpoints"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);
        Assert.Equal(8, endpoints.Count);
        return endpoints;
    }

    private sealed class Node(bool ready, long lag) : ILocalNode
    {
        public string NodeName => "search-1";

        public string Role => "Search";

        public long Lag => lag;

        public bool IsReady => ready;

        public Task<IReadOnlyList<NodeHeartbeat>> ListNodesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<NodeHeartbeat>>([]);
    }
}
