using System.Text.Json.Nodes;
using IiifHarvester.Sources;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Catalog;
using IiifHarvester.Web.Discovery;
using IiifHarvester.Web.Home;
using IiifHarvester.Web.Manifests;
using IiifHarvester.Web.Portal;
using IiifHarvester.Web.Resources;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace IiifHarvester.Web.Tests.Search;

/// <summary>A minimal web application with the index (in memory, the demo institution in it) and our endpoints.</summary>
public sealed class SearchApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SearchApiHost(WebApplication app, FakeDocumentStore store)
    {
        _app = app;
        Store = store;
        Client = app.GetTestClient();
        Index = app.Services.GetRequiredService<ISearchIndex>();
    }

    public HttpClient Client { get; }

    public FakeDocumentStore Store { get; }

    public ISearchIndex Index { get; }

    /// <summary>GETs <paramref name="url"/> and parses its JSON; a failed status fails the test with the body.</summary>
    public async Task<JsonNode> GetJsonAsync(string url)
    {
        using var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>The application's services, for handlers called without a request.</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<SearchApiHost> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        var values = new Dictionary<string, string?>
        {
            ["Indexing:InMemory"] = "true",
            ["Indexing:RefreshInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        var store = new FakeDocumentStore();
        builder.Services.AddIiifIndexing(builder.Configuration);
        builder.Services.AddIiifSearchApi(builder.Configuration);
        builder.Services.AddIiifPortal(builder.Configuration);
        builder.Services.AddSingleton<IDocumentStore>(store);
        builder.Services.AddSingleton(new SourceCatalog([], []));
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseIiifHttpEdge();
        app.MapIiifHome();
        app.MapIiifDiscovery();
        app.MapIiifSearch();
        app.MapIiifManifests();
        app.MapIiifResources();
        app.MapIiifCatalog();
        app.MapIiifPortal();
        await app.StartAsync();

        var host = new SearchApiHost(app, store);
        foreach (var resource in DemoInstitution.All())
        {
            host.Index.Upsert(resource);
        }

        host.Index.Commit(1);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
