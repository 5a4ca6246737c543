using IiifHarvester.Indexing.Search;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// The Change Discovery consumer (§3.5.2 and what real streams demand) driven end to end against WireMock
/// institutions: fetch, store and index, run after run.
/// </summary>
public sealed class DiscoveryConsumerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Harvest_OnlyTheNewestActivityPerObjectCounts()
    {
        // m3 is created then deleted; m4 is updated twice: m3 is never fetched, m4 once.
        using var institution = WireMockInstitution.Create().WithManifests(6).WithDiscoveryPageSize(4)
            .WithActivity(new StreamActivity("Update", "/manifests/4.json", T0.AddHours(1)))
            .WithActivity(new StreamActivity("Delete", "/manifests/3.json", T0.AddHours(2)))
            .WithActivity(new StreamActivity("Update", "/manifests/4.json", T0.AddHours(3)))
            .Build();
        await using var harness = Harness(institution);

        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, result.Counts.Failed);
        Assert.Equal(0, institution.RequestCount("/manifests/3.json"));
        Assert.Equal(1, institution.RequestCount("/manifests/4.json"));
        Assert.Equal(Uris(institution, 0, 1, 2, 4, 5), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(5, harness.Index.GetStatistics().Manifests);
    }

    [Fact]
    public async Task Harvest_AccessDeniedOnAHarvestedManifest_KeepsItAndRetriesNextRun()
    {
        using var institution = WireMockInstitution.Create().WithManifests(4).Build();
        await using var harness = Harness(institution);
        await harness.HarvestAsync("inst");

        foreach (var (status, minute) in new[] { (401, 10), (403, 11) })
        {
            institution.SetFault("/manifests/1.json", InstitutionFault.WithStatus(status));
            institution.ReviseManifest(1);
            institution.AddActivity(new StreamActivity("Update", "/manifests/1.json", T0.AddMinutes(minute)));
            var denied = await harness.HarvestAsync("inst");

            Assert.Equal(1, denied.Counts.Failed);
            Assert.Contains(institution.ManifestUri(1).AbsoluteUri, await harness.LiveManifestsAsync("inst"));
            Assert.Equal(4, harness.Index.GetStatistics().Manifests);
        }

        // The failure is recorded apart from the checkpoint: once its retry is due and the institution answers, the
        // update is applied.
        var failure = Assert.Single(await harness.Store.GetFailuresAsync("inst", default));
        await harness.Store.PutFailureAsync(failure with { NextAttemptAt = failure.LastFailedAt }, default);
        institution.ClearFault("/manifests/1.json");
        var before = (await harness.Store.GetInfoAsync(institution.ManifestUri(1).AbsoluteUri, default))!.ContentHash;
        var retried = await harness.HarvestAsync("inst");

        Assert.Equal(0, retried.Counts.Failed);
        Assert.NotEqual(before, (await harness.Store.GetInfoAsync(institution.ManifestUri(1).AbsoluteUri, default))!.ContentHash);
    }

    [Fact]
    public async Task Harvest_MoveOntoAnIdThatAlreadyExists_RemovesTheOriginAndKeepsOneTarget()
    {
        using var institution = WireMockInstitution.Create().WithManifests(4).Build();
        await using var harness = Harness(institution);
        await harness.HarvestAsync("inst");

        institution.AddActivity(new StreamActivity("Move", "/manifests/1.json", T0.AddMinutes(30)) { Target = "/manifests/2.json" });
        institution.DeleteManifest(1);
        var result = await harness.HarvestAsync("inst");

        Assert.Equal(0, result.Counts.Failed);
        Assert.Equal(Uris(institution, 0, 2, 3), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(3, harness.Index.GetStatistics().Manifests);
    }

    [Fact]
    public async Task Harvest_PagePrevPointsToItself_EndsTheWalkAndHarvestsWhatItSaw()
    {
        using var institution = WireMockInstitution.Create().WithManifests(9).WithDiscoveryPageSize(3).WithPrevOverride(2, 2).Build();
        await using var harness = Harness(institution);

        var result = await harness.HarvestAsync("inst");

        // Only the last page is reachable from 'last'; its own 'prev' is a cycle, walked once (from the probe's copy).
        Assert.Equal(1, institution.RequestCount("/discovery/page-2.json"));
        Assert.Equal(0, institution.RequestCount("/discovery/page-1.json"));
        Assert.Equal(Uris(institution, 6, 7, 8), await harness.LiveManifestsAsync("inst"));
        Assert.False(result.SourceFailed);
    }

    [Fact]
    public async Task Harvest_AddAndRemove_CountOnlyForThisStream()
    {
        using var institution = WireMockInstitution.Create().WithManifests(3).Build();
        await using var harness = Harness(institution);
        await harness.HarvestAsync("inst");
        Assert.Equal(Uris(institution, 0, 1, 2), await harness.LiveManifestsAsync("inst"));

        institution.AddActivity(new StreamActivity("Remove", "/manifests/0.json", T0.AddHours(1)) { Origin = "stream" });
        institution.AddActivity(new StreamActivity("Remove", "/manifests/1.json", T0.AddHours(1)) { Origin = "/other-stream.json" });
        institution.AddActivity(new StreamActivity("Add", "/manifests/2.json", T0.AddHours(2)) { Target = "/other-stream.json" });
        institution.AddActivity(new StreamActivity("Add", "/extra/a.json", T0.AddHours(2)) { Target = "stream" });
        var result = await harness.HarvestAsync("inst");

        // Removed from this stream: gone. Removed from another stream: still live here, and not fetched again. Added
        // to another stream: nothing to do. Added to this stream: fetched.
        var live = await harness.LiveManifestsAsync("inst");
        Assert.DoesNotContain(institution.ManifestUri(0).AbsoluteUri, live);
        Assert.Contains(institution.ManifestUri(1).AbsoluteUri, live);
        Assert.Contains(institution.ManifestUri(2).AbsoluteUri, live);
        Assert.Equal(1, institution.RequestCount("/manifests/1.json"));
        Assert.Equal(1, institution.RequestCount("/manifests/2.json"));
        Assert.Equal(1, institution.RequestCount("/extra/a.json"));
        Assert.Equal(1, result.Counts.Deleted);
    }

    [Fact]
    public async Task Harvest_StreamThatListsItsActivitiesWithoutPages_IsWalkedRunAfterRun()
    {
        // Some producers publish a small stream as one OrderedCollection with orderedItems and neither first nor last.
        using var institution = WireMockInstitution.Create().WithManifests(4).WithUnpagedStream()
            .WithActivity(new StreamActivity("Delete", "/manifests/3.json", T0.AddHours(1)))
            .Build();
        await using var harness = Harness(institution);

        var first = await harness.HarvestAsync("inst");

        Assert.False(first.SourceFailed);
        Assert.Equal(0, first.Counts.Failed);
        Assert.Equal(Uris(institution, 0, 1, 2), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(0, institution.RequestCount("/discovery/page-0.json"));

        institution.ReviseManifest(1);
        institution.AddActivity(new StreamActivity("Update", "/manifests/1.json", T0.AddHours(2)));
        var second = await harness.HarvestAsync("inst");

        Assert.False(second.SourceFailed);
        Assert.Equal(1, second.Counts.Updated);
        Assert.Equal(2, institution.RequestCount("/manifests/1.json"));
        Assert.Equal(1, institution.RequestCount("/manifests/0.json"));
    }

    [Fact]
    public async Task Harvest_FirstCrawlStopsAtRefresh_LaterRunsTakeOnlyDeletionsBeforeIt()
    {
        // Manifests 0-5 are created; a Refresh follows that restates only 4 and 5 after it.
        using var institution = WireMockInstitution.Create().WithManifests(6).WithDiscoveryPageSize(4)
            .WithActivity(new StreamActivity("Refresh", null, null) { StartTime = T0.AddHours(1) })
            .WithActivity(new StreamActivity("Create", "/manifests/4.json", T0.AddHours(2)))
            .WithActivity(new StreamActivity("Create", "/manifests/5.json", T0.AddHours(2)))
            .Build();
        await using var harness = Harness(institution);

        var first = await harness.HarvestAsync("inst");

        Assert.False(first.SourceFailed);
        Assert.Equal(Uris(institution, 4, 5), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(0, institution.RequestCount("/manifests/0.json"));

        // A later run (the checkpoint is at 5's and 4's Create): walking newest first, the Create of 1 after a new
        // Refresh counts; past the Refresh only deletions do, so 5's Delete is applied while 4's Update and 2's Create
        // before it are not (their objects are restated after the Refresh when they still matter).
        institution.ReviseManifest(4);
        institution.AddActivity(new StreamActivity("Update", "/manifests/4.json", T0.AddHours(3)));
        institution.AddActivity(new StreamActivity("Create", "/manifests/2.json", T0.AddHours(3.5)));
        institution.AddActivity(new StreamActivity("Delete", "/manifests/5.json", T0.AddHours(4)));
        institution.AddActivity(new StreamActivity("Refresh", null, null) { StartTime = T0.AddHours(5) });
        institution.AddActivity(new StreamActivity("Create", "/manifests/1.json", T0.AddHours(6)));
        var second = await harness.HarvestAsync("inst");

        Assert.False(second.SourceFailed);
        Assert.Equal(0, second.Counts.Failed);
        Assert.Equal(3, second.Counts.Added); // manifest 1 and the annotation lists of its two canvases
        Assert.Equal(0, second.Counts.Updated);
        Assert.Equal(1, second.Counts.Deleted);
        Assert.Equal(Uris(institution, 1, 4), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(1, institution.RequestCount("/manifests/1.json"));
        Assert.Equal(0, institution.RequestCount("/manifests/2.json"));
        Assert.Equal(1, institution.RequestCount("/manifests/4.json"));
        Assert.Equal(1, institution.RequestCount("/manifests/5.json"));
        Assert.Equal(2, harness.Index.GetStatistics().Manifests);
    }

    [Fact]
    public async Task Harvest_CreateOnlyStreamWithReconciliationDue_FindsWhatDisappeared()
    {
        using var institution = WireMockInstitution.Create().WithManifests(5).Build();
        await using var harness = Harness(institution, reconcileEvery: "00:00:00");
        await harness.HarvestAsync("inst");

        institution.DeleteManifest(2);
        institution.AddActivity(new StreamActivity("Create", "/manifests/4.json", T0.AddDays(1)));
        var result = await harness.HarvestAsync("inst");

        Assert.Equal(1, result.Counts.Deleted);
        Assert.Equal(Uris(institution, 0, 1, 3, 4), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(4, harness.Index.GetStatistics().Manifests);
    }

    [Fact]
    public async Task Harvest_AnnotationListFails_ManifestIsKeptAndItsListsRetriedNextRun()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).WithPresentationVersion(2).Build();
        institution.SetFault("/annotations/1-0.json", InstitutionFault.WithStatus(500));
        await using var harness = Harness(institution);

        var first = await harness.HarvestAsync("inst");

        // The manifest whose list failed is live and indexed after the first run; only the list failed.
        Assert.False(first.SourceFailed);
        Assert.Equal(1, first.Counts.Failed);
        Assert.Equal(Uris(institution, 0, 1), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(2, harness.Index.GetStatistics().Manifests);
        Assert.NotNull(harness.Get<IContentSearch>().FindByUri(institution.ManifestUri(1).AbsoluteUri));
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
        var annotationsFirst = harness.Index.GetStatistics().Annotations;

        institution.ClearFault("/annotations/1-0.json");
        var second = await harness.HarvestAsync("inst");

        Assert.Equal(0, second.Counts.Failed);
        Assert.True(harness.Index.GetStatistics().Annotations > annotationsFirst);
        Assert.Equal(Uris(institution, 0, 1), await harness.LiveManifestsAsync("inst"));
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
    }

    private HarvestHarness Harness(WireMockInstitution institution, string? reconcileEvery = null)
    {
        var settings = HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri);
        settings["Sources:inst:StreamOverlap"] = "00:00:00";
        if (reconcileEvery is not null)
        {
            settings["Sources:inst:ReconcileEvery"] = reconcileEvery;
        }

        return new HarvestHarness(_dir.Path, settings);
    }

    private static HashSet<string> Uris(WireMockInstitution institution, params int[] indexes) =>
        indexes.Select(i => institution.ManifestUri(i).AbsoluteUri).ToHashSet(StringComparer.Ordinal);
}
