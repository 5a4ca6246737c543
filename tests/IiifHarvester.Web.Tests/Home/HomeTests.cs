using System.Text.Json.Nodes;
using IiifHarvester.Storage.Cluster;
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

    private sealed class Node(bool ready, long lag) : ILocalNode
    {
        public string NodeName => "search-1";

        public string Role => "Search";

        public long Lag => lag;

        public bool IsReady => ready;

        public Task<IReadOnlyList<NodeHeartbeat>> ListNodesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<NodeHeartbeat>>([]);
    }
}
