using System.Collections.Concurrent;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Demo;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Threading;
using IiifHarvester.Storage;
using IiifHarvester.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// A run's work (fetching and parsing manifests, indexing what they hold) runs on <see cref="BackgroundPriority"/>'s
/// lowered threads, so searches answered meanwhile take the cores first: not on the thread pool the request handlers
/// share, where <c>Parallel.ForEachAsync</c> and <c>Task.Run</c> put it by default; and the store writes what it
/// fetched on the SQLite writer's idle thread.
/// </summary>
public sealed class HarvestPriorityTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly ConcurrentBag<(string Uri, int Policy)> _fetches = [];
    private readonly ConcurrentBag<(string Uri, int Policy)> _indexed = [];
    private readonly ConcurrentBag<int> _commits = [];
    private DemoServer _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 40, CanvasesPerManifest = 2, LinesPerCanvas = 2, ActivitiesPerPage = 10 });

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Harvest_StreamOfManifests_FetchesAndIndexesEachOnLoweredThreads()
    {
        Assert.True(OperatingSystem.IsLinux(), "a thread has a scheduling policy of its own on Linux");
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", _demo.Institution.StreamUri), Record);

        var result = await harness.HarvestAsync("demo");

        Assert.False(result.SourceFailed, string.Join("\n", result.Errors));
        var manifests = _demo.Institution.LiveManifests().Select(_demo.Institution.ManifestUri).ToHashSet();
        var manifestFetches = _fetches.Where(f => manifests.Contains(f.Uri)).ToList();
        Assert.Equal(manifests, manifestFetches.Select(f => f.Uri).ToHashSet());
        Assert.All(manifestFetches, f => Assert.Equal(ThreadScheduling.Idle, f.Policy));
        Assert.Equal(manifests, _indexed.Select(i => i.Uri).Where(manifests.Contains).ToHashSet());
        Assert.All(_indexed, i => Assert.Equal(ThreadScheduling.Idle, i.Policy));
    }

    [Fact]
    public async Task Harvest_StreamOfManifests_StoresThemThroughTheIdleWriter()
    {
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", _demo.Institution.StreamUri), Record);

        var result = await harness.HarvestAsync("demo");

        // The store's transactions holding only the run's writes commit under SCHED_IDLE: most of them, since the
        // manifests are stored from the run's lowered threads; a normal thread's write (the run's start, say)
        // makes its group commit at normal priority.
        Assert.False(result.SourceFailed, string.Join("\n", result.Errors));
        var idle = _commits.Count(p => p == ThreadScheduling.Idle);
        Assert.True(idle > _commits.Count / 2, $"{idle} of {_commits.Count} commits under SCHED_IDLE");
        Assert.All(_commits, p => Assert.Contains(p, new[] { ThreadScheduling.Idle, ThreadScheduling.Normal }));
    }

    /// <summary>Wraps the fetcher and the index as registered, recording the scheduling policy of each call's thread.</summary>
    private void Record(IServiceCollection services)
    {
        var fetcher = services.Single(d => d.ServiceType == typeof(IIiifFetcher));
        services.Replace(ServiceDescriptor.Singleton<IIiifFetcher>(sp =>
            new RecordingFetcher((IIiifFetcher)ActivatorUtilities.CreateInstance(sp, fetcher.ImplementationType!), _fetches)));
        var index = services.Single(d => d.ServiceType == typeof(ISearchIndex));
        services.Replace(ServiceDescriptor.Singleton<ISearchIndex>(sp =>
            new RecordingIndex((ISearchIndex)index.ImplementationFactory!(sp), _indexed)));
        services.AddSingleton<ISqliteCommitFilter>(new RecordingCommitFilter(_commits));
    }

    private sealed class RecordingCommitFilter(ConcurrentBag<int> commits) : ISqliteCommitFilter
    {
        public void BeforeCommit(string databasePath) => commits.Add(ThreadScheduling.CurrentPolicy());
    }

    private sealed class RecordingFetcher(IIiifFetcher inner, ConcurrentBag<(string, int)> calls) : IIiifFetcher
    {
        public Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
        {
            calls.Add((request.Uri.AbsoluteUri, ThreadScheduling.CurrentPolicy()));
            return inner.FetchAsync(request, cancellationToken);
        }
    }

    private sealed class RecordingIndex(ISearchIndex inner, ConcurrentBag<(string, int)> calls) : ISearchIndex
    {
        public long CommittedSequence => inner.CommittedSequence;

        public void Upsert(IndexedResource resource)
        {
            calls.Add((resource.Uri, ThreadScheduling.CurrentPolicy()));
            inner.Upsert(resource);
        }

        public void Delete(string uri) => inner.Delete(uri);

        public void Commit(long sequence) => inner.Commit(sequence);

        public void DeleteAll() => inner.DeleteAll();

        public IndexStatistics GetStatistics() => inner.GetStatistics();
    }
}
