using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace IiifHarvester.Indexing.Tests.Fixtures;

/// <summary>An index (in memory, or in a temp directory) built through the public registration.</summary>
public sealed class IndexFixture : IDisposable
{
    private readonly ServiceProvider _services;

    public IndexFixture(bool inMemory = true, string? directory = null, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Indexing:InMemory"] = inMemory ? "true" : "false",
            ["Indexing:Directory"] = directory,
            ["Indexing:RefreshInterval"] = "00:00:00",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        _services = services.AddIiifIndexing(configuration).BuildServiceProvider();
        Index = _services.GetRequiredService<ISearchIndex>();
        Search = _services.GetRequiredService<IContentSearch>();
    }

    public ISearchIndex Index { get; }

    public IContentSearch Search { get; }

    public static IndexFixture WithDemo(IDictionary<string, string?>? settings = null)
    {
        var fixture = new IndexFixture(settings: settings);
        foreach (var resource in DemoInstitution.All())
        {
            fixture.Index.Upsert(resource);
        }

        fixture.Index.Commit(5);
        return fixture;
    }

    public void Dispose() => _services.Dispose();
}
