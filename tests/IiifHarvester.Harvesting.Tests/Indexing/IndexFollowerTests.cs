using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Cluster;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Indexing;

/// <summary>The one index follower: while a harvest runs it applies changes as they arrive and commits on its interval.</summary>
public sealed class IndexFollowerTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private DemoServer _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 12, CanvasesPerManifest = 1, LinesPerCanvas = 2, ActivitiesPerPage = 20 });

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task BeginHarvest_NotHosted_AppliesEachSecondAndCommitsEachIndexIntervalUntilTheHarvestEnds()
    {
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", _demo.Institution.StreamUri));
        await harness.HarvestAsync("demo");
        var committed = harness.Index.CommittedSequence;
        var live = harness.Index.GetStatistics().Manifests;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var follower = new IndexFollower(
            harness.Feeder,
            Options.Create(new ClusterOptions()),
            Options.Create(new HarvestingOptions { IndexInterval = TimeSpan.FromSeconds(10) }),
            time,
            NullLogger<IndexFollower>.Instance);

        var harvest = follower.BeginHarvest();
        var gone = (await harness.LiveManifestsAsync("demo")).First();
        await harness.Store.DeleteAsync(gone, time.GetUtcNow(), default);
        var last = await harness.Store.GetLastSequenceAsync(default);

        // A second on: applied (searchable), not committed.
        time.Advance(TimeSpan.FromSeconds(1));
        await Until(() => harness.Index.GetStatistics().Manifests == live - 1, "the deletion applied");
        Assert.Equal(committed, harness.Index.CommittedSequence);

        // The index interval on: committed.
        time.Advance(TimeSpan.FromSeconds(9));
        await Until(() => harness.Index.CommittedSequence == last, "the commit");

        // The harvest ends: its loop ends with it (a process without hosted services keeps no loop running).
        await harvest.DisposeAsync();
        await harness.Store.DeleteAsync((await harness.LiveManifestsAsync("demo")).First(), time.GetUtcNow(), default);
        time.Advance(TimeSpan.FromSeconds(30));
        await Task.Delay(200);
        Assert.Equal(live - 1, harness.Index.GetStatistics().Manifests);
        Assert.Equal(1, await follower.CatchUpAsync(default));
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
    }

    private static async Task Until(Func<bool> condition, string what)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), $"never saw {what}");
    }
}
