using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using IiifHarvester.Indexing;
using IiifHarvester.Storage;
using IiifHarvester.Storage.Documents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Harvesting.Tests;

/// <summary>The harvest pipeline wired as the host wires it (store, crawler, index), without the scheduler or HTTP.</summary>
internal sealed class HarvestHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public HarvestHarness(string dataDirectory, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>(settings)
        {
            ["Harvesting:Schedule"] = "false",
            ["Harvesting:ProgressInterval"] = "00:01:00",
            ["Crawling:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, value) in DataFolder.SettingsFor(dataDirectory))
        {
            values.TryAdd(key, value);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddIiifStorage(configuration);
        services.AddIiifCrawling(configuration);
        services.AddIiifIndexing(configuration);
        services.AddIiifHarvesting(configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    /// <summary>Settings for one source reading <paramref name="stream"/> on loopback.</summary>
    public static Dictionary<string, string?> StreamSource(string key, string stream) => new()
    {
        [$"Sources:{key}:Streams:0"] = stream,
        [$"Sources:{key}:AllowPrivateNetworks"] = "true",
        [$"Sources:{key}:RequestsPerSecond"] = "1000",
        [$"Sources:{key}:MaxConcurrency"] = "16",
    };

    public IDocumentStore Store => _services.GetRequiredService<IDocumentStore>();

    public ISearchIndex Index => _services.GetRequiredService<ISearchIndex>();

    public IndexFeeder Feeder => _services.GetRequiredService<IndexFeeder>();

    public SourceCatalog Catalog => _services.GetRequiredService<SourceCatalog>();

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<HarvestRunResult> HarvestAsync(string key, CancellationToken cancellationToken = default) =>
        _services.GetRequiredService<ISourceHarvester>().HarvestAsync(Catalog.Find(key)!, cancellationToken);

    public async Task<HashSet<string>> LiveManifestsAsync(string source)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var info in Store.ListAsync(source, DocumentKind.Manifest, includeDeleted: false, default))
        {
            set.Add(info.Uri);
        }

        return set;
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
