using IiifHarvester.Demo;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Sources.Status;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

public sealed class SourceHarvesterTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private DemoServer _demo = null!;

    public async Task InitializeAsync() =>
        _demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 60, CanvasesPerManifest = 2, LinesPerCanvas = 3, ActivitiesPerPage = 20 });

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private DemoInstitution Institution => _demo.Institution;

    [Fact]
    public async Task Harvest_DemoStream_StoresAndIndexesEveryLiveManifest()
    {
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri));

        var result = await harness.HarvestAsync("demo");

        Assert.False(result.SourceFailed, string.Join("\n", result.Errors));
        Assert.Equal(0, result.Counts.Failed);
        var expected = Institution.LiveManifests().Select(Institution.ManifestUri).ToHashSet();
        Assert.Equal(expected, await harness.LiveManifestsAsync("demo"));
        var stats = harness.Index.GetStatistics();
        Assert.Equal(expected.Count, stats.Manifests);
        Assert.Equal(expected.Count * 2 * 3, stats.Annotations);
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
    }

    [Fact]
    public async Task Harvest_Finished_RecordsWhenInTheStoreAndAFailedRunKeepsTheLastHarvestAcrossARestart()
    {
        HarvestRunResult harvested;
        await using (var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri)))
        {
            harvested = await harness.HarvestAsync("demo");
        }

        // The same source, its stream now unreachable: the run fails as a whole.
        HarvestRunResult failed;
        await using (var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", "http://127.0.0.1:9/activity/all-changes")))
        {
            failed = await harness.HarvestAsync("demo");
        }

        await using var restarted = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri));
        var record = await LastHarvest.ReadAsync(restarted.Store, "demo", default);

        Assert.False(harvested.SourceFailed, string.Join("\n", harvested.Errors));
        Assert.True(failed.SourceFailed);
        Assert.NotNull(record);
        Assert.Equal(harvested.FinishedAt, record.HarvestedAt);
        Assert.Equal(failed.StartedAt, record.StartedAt);
        Assert.Equal(failed.FinishedAt, record.FinishedAt);
        Assert.True(record.Failed);
    }

    [Fact]
    public async Task Harvest_RerunWithoutUpstreamChanges_FetchesOnlyTheStreamAndChangesNothing()
    {
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri));
        await harness.HarvestAsync("demo");
        var sequence = await harness.Store.GetLastSequenceAsync(default);
        Institution.Requests.Reset();

        var again = await harness.HarvestAsync("demo");

        Assert.Equal(0, again.Counts.Added + again.Counts.Updated + again.Counts.Deleted + again.Counts.Failed);
        Assert.Equal(sequence, await harness.Store.GetLastSequenceAsync(default));
        Assert.Equal(0, Institution.Requests["manifest"] + Institution.Requests["annotations"]);
        Assert.Equal(2, Institution.Requests["activity"]);
        Assert.Equal(1, Institution.Requests.NotModified);
    }

    [Fact]
    public async Task Harvest_RedoingAWalkCutOffAfterItLoggedEverything_LogsNothingAgain()
    {
        // As a run on another node finds things after the node running the first walk was killed: everything stored
        // and logged, but the stream's checkpoint not moved, and the walk's start in the log still recorded.
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri));
        await harness.HarvestAsync("demo");
        var sequence = await harness.Store.GetLastSequenceAsync(default);
        await CutOffAsync(harness, walkFrom: 0);

        var again = await harness.HarvestAsync("demo");

        Assert.False(again.SourceFailed);
        Assert.Equal(sequence, await harness.Store.GetLastSequenceAsync(default));
        Assert.Equal(string.Empty, await harness.Store.GetCheckpointAsync("demo", WalkMarker, default));
    }

    [Fact]
    public async Task Harvest_RedoingAWalkCutOffBeforeItLoggedItsManifests_LogsEachOnce()
    {
        // The walk was cut off after storing the manifests' full text but before logging them (their last change is
        // from before it began): the index has not seen that text, so redoing the walk logs every manifest once.
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri));
        await harness.HarvestAsync("demo");
        var sequence = await harness.Store.GetLastSequenceAsync(default);
        await CutOffAsync(harness, walkFrom: sequence);

        var again = await harness.HarvestAsync("demo");

        Assert.False(again.SourceFailed);
        var logged = await harness.Store.GetChangesAsync(sequence, int.MaxValue, default);
        var live = Institution.LiveManifests().Select(Institution.ManifestUri).Order(StringComparer.Ordinal);
        Assert.Equal(live, logged.Where(c => c.Kind == IiifHarvester.Storage.Documents.DocumentKind.Manifest).Select(c => c.Uri).Order(StringComparer.Ordinal));
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
    }

    private string WalkMarker => IiifHarvester.Harvesting.Pipeline.StreamCheckpoint.Name(new Uri(Institution.StreamUri)) + ":walk-from";

    // Puts the store back as a walk that began at change walkFrom and was cut off leaves it: the stream's checkpoint
    // not moved (here: none, as before a first walk), the walk's start recorded.
    private async Task CutOffAsync(HarvestHarness harness, long walkFrom)
    {
        await harness.Store.SetCheckpointAsync("demo", IiifHarvester.Harvesting.Pipeline.StreamCheckpoint.Name(new Uri(Institution.StreamUri)), string.Empty, default);
        await harness.Store.SetCheckpointAsync("demo", WalkMarker, walkFrom.ToString(System.Globalization.CultureInfo.InvariantCulture), default);
    }

    [Fact]
    public async Task Harvest_AfterInstitutionMovesOn_AppliesUpdatesDeletesAndCreates()
    {
        await using var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri));
        await harness.HarvestAsync("demo");
        var search = harness.Get<IContentSearch>();

        // Revisions 1 and 2 update, in place, the manifests whose index is 1 or 2 modulo 25.
        var updated = Institution.LiveManifests().Where(i => i % 25 is 1 or 2).ToList();
        Assert.Equal([1, 2, 26, 51, 52], updated);
        Assert.All(updated, i => Assert.Empty(Hits(search, i, "revised1")));
        Assert.All(updated, i => Assert.Empty(Hits(search, i, "revised2")));

        Institution.Revision = 2;
        var result = await harness.HarvestAsync("demo");

        Assert.Equal(0, result.Counts.Failed);
        Assert.Equal(2, result.Counts.Deleted);
        var expected = Institution.LiveManifests().Select(Institution.ManifestUri).ToHashSet();
        Assert.Equal(expected, await harness.LiveManifestsAsync("demo"));
        Assert.Equal(expected.Count, harness.Index.GetStatistics().Manifests);
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);

        // The same URIs, new content: the revised transcriptions are what the store and the index now hold.
        foreach (var i in updated)
        {
            var word = "revised" + Institution.ContentRevision(i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(i % 25 == 1 ? "revised1" : "revised2", word);
            var list = await harness.Store.GetAsync(Institution.AnnotationsUri(i, 0), default);
            Assert.NotNull(list);
            Assert.Contains(word, System.Text.Encoding.UTF8.GetString(list.Body.Span), StringComparison.Ordinal);
            Assert.Equal(Institution.Options.CanvasesPerManifest, Hits(search, i, word).Count);
        }

        // A manifest the revisions left alone has none.
        Assert.Empty(Hits(search, 0, "revised1"));
        Assert.Empty(Hits(search, 0, "revised2"));
    }

    private IReadOnlyList<SearchHit> Hits(IContentSearch search, int manifest, string query)
    {
        Assert.True(UserQuery.TryParse(query, 256, 16, out var parsed, out var error), error);
        var scope = SearchScope.For(search.FindByUri(Institution.ManifestUri(manifest))!);
        return search.Search(new ContentSearchRequest { Scope = scope, Query = parsed }).Hits;
    }

    [Fact]
    public async Task Reindex_FromStoreAlone_RebuildsTheSameIndex()
    {
        IndexStatistics harvested;
        long last;
        await using (var harness = new HarvestHarness(_dir.Path, HarvestHarness.StreamSource("demo", Institution.StreamUri)))
        {
            await harness.HarvestAsync("demo");
            harvested = harness.Index.GetStatistics();
            last = await harness.Store.GetLastSequenceAsync(default);
            Assert.Equal(last, harness.Index.CommittedSequence);
        }

        // The same store, a new index folder: nothing is indexed until the reindex reads the store.
        var settings = HarvestHarness.StreamSource("demo", Institution.StreamUri);
        settings["Indexing:Directory"] = _dir.Combine("rebuilt-index");
        await using var rebuilt = new HarvestHarness(_dir.Path, settings);
        Assert.Equal(0, rebuilt.Index.GetStatistics().Manifests);
        Assert.Equal(0, rebuilt.Index.GetStatistics().Annotations);
        Assert.Equal(0, rebuilt.Index.CommittedSequence);
        Institution.Requests.Reset();

        await rebuilt.Feeder.ReindexAsync(default);

        var after = rebuilt.Index.GetStatistics();
        Assert.True(harvested.Manifests > 0 && harvested.Annotations > 0);
        Assert.Equal(harvested.Manifests, after.Manifests);
        Assert.Equal(harvested.Annotations, after.Annotations);
        Assert.Equal(last, rebuilt.Index.CommittedSequence);
        Assert.Equal(0, Institution.Requests.Total);
    }

    [Fact]
    public async Task CatchUp_WithoutCommit_IsSearchableButUncommittedAndIsAppliedAgainAfterARestart()
    {
        var settings = HarvestHarness.StreamSource("demo", Institution.StreamUri);
        long committed;
        long live;
        string gone;
        await using (var harness = new HarvestHarness(_dir.Path, settings))
        {
            await harness.HarvestAsync("demo");
            committed = harness.Index.CommittedSequence;
            live = harness.Index.GetStatistics().Manifests;
            gone = (await harness.LiveManifestsAsync("demo")).First();
            await harness.Store.DeleteAsync(gone, DateTimeOffset.UtcNow, default);

            Assert.Equal(1, await harness.Feeder.CatchUpAsync(commit: false, default));

            // Applied: near-real-time readers see it within the refresh interval; not committed: the sequence stays.
            Assert.Equal(committed, harness.Index.CommittedSequence);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (harness.Index.GetStatistics().Manifests != live - 1 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            Assert.Equal(live - 1, harness.Index.GetStatistics().Manifests);
            Assert.Equal(0, await harness.Feeder.CatchUpAsync(commit: false, default));
        }

        // The process stops without a commit: the index reopens at the committed sequence and applies the rest again.
        await using (var restarted = new HarvestHarness(_dir.Path, settings))
        {
            Assert.Equal(committed, restarted.Index.CommittedSequence);
            Assert.Equal(1, await restarted.Feeder.CatchUpAsync(default));
            Assert.Equal(await restarted.Store.GetLastSequenceAsync(default), restarted.Index.CommittedSequence);
            Assert.Equal(live - 1, restarted.Index.GetStatistics().Manifests);
        }
    }
}
