using System.Text.Json.Nodes;
using IiifHarvester.Web.Tests.Search;
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
}
