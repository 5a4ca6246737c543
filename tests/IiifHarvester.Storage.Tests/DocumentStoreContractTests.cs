using System.Text;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using IiifHarvester.Storage.Images;
using IiifHarvester.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Storage.Tests;

/// <summary>
/// The store's contract: every test runs against each provider (<see cref="SqliteDocumentStoreContractTests"/>,
/// <see cref="PostgreSqlDocumentStoreContractTests"/>), so the two implementations cannot drift apart.
/// </summary>
public abstract class DocumentStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    private readonly FakeTimeProvider _time = new(T0);
    private IReadOnlyDictionary<string, string?> _settings = new Dictionary<string, string?>();
    private ServiceProvider _services = null!;

    private ServiceProvider? _secondServices;

    private IDocumentStore Store => _services.GetRequiredService<IDocumentStore>();

    // The first and a second store on the same database, standing for two processes or two nodes.
    private IDocumentStore First => Store;

    private IDocumentStore Second => (_secondServices ??= Build()).GetRequiredService<IDocumentStore>();

    /// <summary>The configuration that selects the provider under test, on a store of its own (empty).</summary>
    protected abstract Task<IReadOnlyDictionary<string, string?>> CreateStoreSettingsAsync();

    /// <summary>Releases what <see cref="CreateStoreSettingsAsync"/> made, after the services are disposed.</summary>
    protected abstract Task DeleteStoreAsync();

    public async Task InitializeAsync()
    {
        _settings = await CreateStoreSettingsAsync();
        _services = Build();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_secondServices is not null)
        {
            await _secondServices.DisposeAsync();
        }

        await DeleteStoreAsync();
    }

    [Fact]
    public async Task Put_NewDocument_IsAddedWithChange()
    {
        var result = await Store.PutAsync(Manifest("https://ex.org/m1", "{\"a\":1}"), default);

        Assert.Equal(WriteOutcome.Added, result.Outcome);
        Assert.Equal(1, result.Sequence);
        var doc = await Store.GetAsync("https://ex.org/m1", default);
        Assert.NotNull(doc);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(doc.Body.Span));
        Assert.Equal(ResourceKey.For("https://ex.org/m1"), doc.Info.Key);
        Assert.Equal("\"e1\"", doc.Info.ETag);
        Assert.Equal(T0, doc.Info.FetchedAt);
        var changes = await Store.GetChangesAsync(0, 10, default);
        Assert.Equal(new ChangeRecord(1, "https://ex.org/m1", "src", DocumentKind.Manifest, ChangeType.Upserted, T0), Assert.Single(changes));
    }

    [Fact]
    public async Task Put_SameBytes_IsUnchangedAndLogsNothing()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        var again = await Store.PutAsync(Manifest("https://ex.org/m1", "x") with { ETag = "\"e2\"", FetchedAt = T0.AddHours(1) }, default);

        Assert.Equal(WriteOutcome.Unchanged, again.Outcome);
        Assert.Null(again.Sequence);
        Assert.Equal(1, await Store.GetLastSequenceAsync(default));
        var info = await Store.GetInfoAsync("https://ex.org/m1", default);
        Assert.Equal("\"e2\"", info!.ETag);
        Assert.Equal(T0.AddHours(1), info.FetchedAt);
    }

    [Fact]
    public async Task Put_ChangedBytes_IsUpdated()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        var result = await Store.PutAsync(Manifest("https://ex.org/m1", "y"), default);

        Assert.Equal(WriteOutcome.Updated, result.Outcome);
        Assert.Equal(2, result.Sequence);
    }

    [Fact]
    public async Task Put_OwnedDocument_LogsNothingUntilTheOwnerIsWritten()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        var list = new DocumentWrite
        {
            Uri = "https://ex.org/list1", SourceKey = "src", Kind = DocumentKind.Annotations,
            Body = "l"u8.ToArray(), FetchedAt = T0, OwnerUri = "https://ex.org/m1",
        };

        var result = await Store.PutAsync(list, default);

        Assert.Equal(WriteOutcome.Added, result.Outcome);
        Assert.Null(result.Sequence);
        Assert.Empty(await Store.GetChangesAsync(1, 10, default));
        Assert.Equal("https://ex.org/list1", Assert.Single(await Store.GetOwnedAsync("https://ex.org/m1", default)).Uri);
        Assert.Equal("l"u8.ToArray(), Assert.Single(await Store.GetOwnedDocumentsAsync("https://ex.org/m1", default)).Body.ToArray());

        var forced = await Store.PutAsync(Manifest("https://ex.org/m1", "x") with { ForceChange = true }, default);
        Assert.Equal(WriteOutcome.Unchanged, forced.Outcome);
        Assert.Equal("https://ex.org/m1", Assert.Single(await Store.GetChangesAsync(1, 10, default)).Uri);
        Assert.Equal(3, await Store.RecordChangeAsync("https://ex.org/m1", default));
        Assert.Null(await Store.RecordChangeAsync("https://ex.org/nothing", default));
    }

    [Fact]
    public async Task ReleaseOwned_DropsUnreferencedAndLogsOwner()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        foreach (var uri in new[] { "https://ex.org/l1", "https://ex.org/l2" })
        {
            await Store.PutAsync(new DocumentWrite { Uri = uri, SourceKey = "src", Kind = DocumentKind.Annotations, Body = "l"u8.ToArray(), FetchedAt = T0, OwnerUri = "https://ex.org/m1" }, default);
        }

        var released = await Store.ReleaseOwnedAsync("https://ex.org/m1", ["https://ex.org/l1"], default);

        Assert.Equal(1, released);
        Assert.Equal("https://ex.org/l1", Assert.Single(await Store.GetOwnedAsync("https://ex.org/m1", default)).Uri);
        Assert.True((await Store.GetInfoAsync("https://ex.org/l2", default))!.IsDeleted);
        Assert.False((await Store.GetInfoAsync("https://ex.org/l1", default))!.IsDeleted);
        Assert.Equal(2, await Store.GetLastSequenceAsync(default));
        var change = Assert.Single(await Store.GetChangesAsync(1, 10, default));
        Assert.Equal((2L, "https://ex.org/m1"), (change.Sequence, change.Uri));

        // Nothing left to release: nothing dropped, nothing logged.
        Assert.Equal(0, await Store.ReleaseOwnedAsync("https://ex.org/m1", ["https://ex.org/l1"], default));
        Assert.Equal(2, await Store.GetLastSequenceAsync(default));
        Assert.Equal("https://ex.org/l1", Assert.Single(await Store.GetOwnedAsync("https://ex.org/m1", default)).Uri);
    }

    [Fact]
    public async Task Delete_KeepsBytesAndLogsOnce()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);

        var first = await Store.DeleteAsync("https://ex.org/m1", T0, default);
        var second = await Store.DeleteAsync("https://ex.org/m1", T0, default);

        Assert.Equal(2, first);
        Assert.Null(second);
        var doc = await Store.GetAsync("https://ex.org/m1", default);
        Assert.True(doc!.Info.IsDeleted);
        Assert.Equal("x", Encoding.UTF8.GetString(doc.Body.Span));
        var change = Assert.Single(await Store.GetChangesAsync(1, 10, default));
        Assert.Equal((2L, "https://ex.org/m1", ChangeType.Deleted), (change.Sequence, change.Uri, change.Type));
        Assert.Null(await Store.DeleteAsync("https://ex.org/never", T0, default));
        Assert.Equal(2, await Store.GetLastSequenceAsync(default));
    }

    [Fact]
    public async Task Put_AfterDelete_IsAddedAgain()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        await Store.DeleteAsync("https://ex.org/m1", T0, default);

        var result = await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);

        Assert.Equal(WriteOutcome.Added, result.Outcome);
        Assert.False((await Store.GetInfoAsync("https://ex.org/m1", default))!.IsDeleted);
    }

    [Fact]
    public async Task GetByKey_FindsDocument()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);

        var doc = await Store.GetByKeyAsync(ResourceKey.For("https://ex.org/m1"), default);

        Assert.Equal("https://ex.org/m1", doc!.Info.Uri);
        Assert.Null(await Store.GetByKeyAsync("aaaaaaaaaaaaaaaa", default));
    }

    [Fact]
    public async Task List_PagesThroughManyDocuments()
    {
        for (var i = 0; i < 2500; i++)
        {
            await Store.PutAsync(Manifest($"https://ex.org/m{i}", "x"), default);
        }

        await Store.DeleteAsync("https://ex.org/m7", T0, default);
        var live = new List<StoredDocumentInfo>();
        await foreach (var info in Store.ListAsync("src", DocumentKind.Manifest, includeDeleted: false, default))
        {
            live.Add(info);
        }

        Assert.Equal(2499, live.Count);
        Assert.Equal(2499, live.Select(x => x.Uri).Distinct().Count());
    }

    [Fact]
    public async Task Checkpoint_RoundTripsAndSurvivesReopen()
    {
        await Store.SetCheckpointAsync("src", "stream", "2026-01-01T00:00:00Z", default);
        await Store.SetCheckpointAsync("src", "stream", "2026-02-01T00:00:00Z", default);
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);

        await _services.DisposeAsync();
        _services = Build();

        Assert.Equal("2026-02-01T00:00:00Z", await Store.GetCheckpointAsync("src", "stream", default));
        Assert.Null(await Store.GetCheckpointAsync("src", "other", default));
        Assert.Equal(1, await Store.GetLastSequenceAsync(default));
    }

    [Fact]
    public async Task ConcurrentWriters_AllLandWithDistinctSequences()
    {
        var writes = Enumerable.Range(0, 200).Select(i => Store.PutAsync(Manifest($"https://ex.org/c{i}", $"{i}"), default));

        var results = await Task.WhenAll(writes);

        Assert.Equal(200, results.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(200, await Store.GetLastSequenceAsync(default));
    }

    [Fact]
    public async Task ImageCatalog_RegistersAndFinds()
    {
        var catalog = _services.GetRequiredService<IImageServiceCatalog>();
        var record = new ImageServiceRecord { Key = ResourceKey.ForImageService("https://img.ex.org/iiif/a"), ServiceId = "https://img.ex.org/iiif/a", Profile = "level1", SourceKey = "src", ManifestUri = "https://ex.org/m1" };

        await catalog.RegisterAsync([record, record], default);

        Assert.Equal(record, await catalog.FindAsync(record.Key, default));
        Assert.Equal(ResourceKey.ForImageService("https://img.ex.org/iiif/a/info.json"), record.Key);
        var listed = new List<ImageServiceRecord>();
        await foreach (var r in catalog.ListAsync("src", default))
        {
            listed.Add(r);
        }

        Assert.Single(listed);
    }

    [Fact]
    public async Task Acquire_HeldByAnotherProcess_IsRefusedAndNamesTheHolder()
    {
        var mine = await First.AcquireLeaseAsync("src", "a", Duration, default);
        var theirs = await Second.AcquireLeaseAsync("src", "b", Duration, default);

        Assert.True(mine.IsHeldBy("a"));
        Assert.False(theirs.IsHeldBy("b"));
        Assert.Equal("a", theirs.Owner);
        Assert.Equal(T0 + Duration, theirs.ExpiresAt);
        Assert.True((await Second.AcquireLeaseAsync("other", "b", Duration, default)).IsHeldBy("b"));
    }

    [Fact]
    public async Task Acquire_ByItsHolder_RenewsKeepingWhenItWasTaken()
    {
        await First.AcquireLeaseAsync("src", "a", Duration, default);
        _time.Advance(TimeSpan.FromMinutes(1));

        var renewed = await First.AcquireLeaseAsync("src", "a", Duration, default);

        Assert.Equal(T0, renewed.AcquiredAt);
        Assert.Equal(T0 + TimeSpan.FromMinutes(1) + Duration, renewed.ExpiresAt);
        _time.Advance(TimeSpan.FromSeconds(110));
        Assert.False((await Second.AcquireLeaseAsync("src", "b", Duration, default)).IsHeldBy("b"));
    }

    [Fact]
    public async Task Acquire_AfterTheHolderLetItExpire_IsGranted()
    {
        await First.AcquireLeaseAsync("src", "a", Duration, default);
        _time.Advance(Duration);

        var taken = await Second.AcquireLeaseAsync("src", "b", Duration, default);

        Assert.True(taken.IsHeldBy("b"));
        Assert.Equal(T0 + Duration, taken.AcquiredAt);
        Assert.False((await First.AcquireLeaseAsync("src", "a", Duration, default)).IsHeldBy("a"));
    }

    [Fact]
    public async Task Release_ByTheHolderOnly_FreesIt()
    {
        await First.AcquireLeaseAsync("src", "a", Duration, default);

        await Second.ReleaseLeaseAsync("src", "b", default);
        Assert.False((await Second.AcquireLeaseAsync("src", "b", Duration, default)).IsHeldBy("b"));
        await First.ReleaseLeaseAsync("src", "a", default);

        Assert.True((await Second.AcquireLeaseAsync("src", "b", Duration, default)).IsHeldBy("b"));
    }

    [Fact]
    public async Task Failures_PutReplaceAndRemove_ArePerSourceOldestDueFirst()
    {
        var failure = new DocumentFailure
        {
            SourceKey = "src", Uri = "https://ex.org/m1", Kind = DocumentKind.Manifest, Reason = "Forbidden (HTTP 403)",
            Attempts = 1, FirstFailedAt = T0, LastFailedAt = T0, NextAttemptAt = T0.AddHours(2),
        };
        await First.PutFailureAsync(failure, default);
        await First.PutFailureAsync(failure with { Uri = "https://ex.org/m2", NextAttemptAt = T0.AddHours(1) }, default);
        await First.PutFailureAsync(failure with { SourceKey = "other" }, default);
        await First.PutFailureAsync(failure with { Attempts = 2, LastFailedAt = T0.AddHours(2), NextAttemptAt = T0.AddHours(6) }, default);

        var listed = await Second.GetFailuresAsync("src", default);

        Assert.Equal(["https://ex.org/m2", "https://ex.org/m1"], listed.Select(f => f.Uri));
        Assert.Equal(failure with { Attempts = 2, LastFailedAt = T0.AddHours(2), NextAttemptAt = T0.AddHours(6) }, listed[1]);
        await Second.RemoveFailureAsync("src", "https://ex.org/m2", default);
        Assert.Equal("https://ex.org/m1", Assert.Single(await First.GetFailuresAsync("src", default)).Uri);
    }

    [Fact]
    public async Task ConcurrentWritersOnTwoNodes_NumberTheLogWithoutGapsAndAFollowerSeesEveryChange()
    {
        // Two store instances on one database, as two nodes of a cluster, writing at once while a follower reads the
        // log as the index does: it must see 1..N with no number missing or skipped, whatever order commits land in.
        await using var other = Build();
        var second = other.GetRequiredService<IDocumentStore>();
        const int PerNode = 150;
        var seen = new List<long>();
        using var done = new CancellationTokenSource();
        var follower = Task.Run(async () =>
        {
            long after = 0;
            while (true)
            {
                var finished = done.IsCancellationRequested;
                foreach (var change in await Store.GetChangesAsync(after, 50, default))
                {
                    seen.Add(change.Sequence);
                    after = change.Sequence;
                }

                if (finished && after == await Store.GetLastSequenceAsync(default))
                {
                    return;
                }

                await Task.Yield();
            }
        });
        var writes = Enumerable.Range(0, PerNode).SelectMany(i => new[]
        {
            Store.PutAsync(Manifest($"https://ex.org/a{i}", $"{i}"), default),
            second.PutAsync(Manifest($"https://ex.org/b{i}", $"{i}"), default),
        });

        var results = await Task.WhenAll(writes);
        await done.CancelAsync();
        await follower;

        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => (long)i), results.Select(r => r.Sequence!.Value).Order());
        Assert.Equal(Enumerable.Range(1, 2 * PerNode).Select(i => (long)i), seen);
        Assert.Equal(2 * PerNode, await second.GetLastSequenceAsync(default));
    }

    [Fact]
    public async Task DeleteOfAManifest_MarksItsOwnedDocumentsWithTheSameChange()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        await Store.PutAsync(new DocumentWrite { Uri = "https://ex.org/l1", SourceKey = "src", Kind = DocumentKind.Annotations, Body = "l"u8.ToArray(), FetchedAt = T0, OwnerUri = "https://ex.org/m1" }, default);

        var sequence = await Store.DeleteAsync("https://ex.org/m1", T0, default);

        var owned = await Store.GetInfoAsync("https://ex.org/l1", default);
        Assert.True(owned!.IsDeleted);
        Assert.Equal(sequence, owned.Sequence);
        Assert.Equal(sequence, (await Store.GetInfoAsync("https://ex.org/m1", default))!.Sequence);
        Assert.Empty(await Store.GetOwnedAsync("https://ex.org/m1", default));
    }

    [Fact]
    public async Task Owned_AreReturnedInTheOrderTheyWereFirstWritten()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "x"), default);
        string[] uris = ["https://ex.org/z", "https://ex.org/a", "https://ex.org/m"];
        foreach (var uri in uris)
        {
            await Store.PutAsync(new DocumentWrite { Uri = uri, SourceKey = "src", Kind = DocumentKind.Ocr, Body = "o"u8.ToArray(), FetchedAt = T0, OwnerUri = "https://ex.org/m1" }, default);
        }

        Assert.Equal(uris, (await Store.GetOwnedAsync("https://ex.org/m1", default)).Select(d => d.Uri));
        Assert.Equal(uris, (await Store.GetOwnedDocumentsAsync("https://ex.org/m1", default)).Select(d => d.Info.Uri));

        // Rewriting the first one (new bytes) keeps it where it was first written.
        var rewrite = await Store.PutAsync(new DocumentWrite { Uri = uris[0], SourceKey = "src", Kind = DocumentKind.Ocr, Body = "o2"u8.ToArray(), FetchedAt = T0.AddMinutes(1), OwnerUri = "https://ex.org/m1" }, default);

        Assert.Equal(WriteOutcome.Updated, rewrite.Outcome);
        Assert.Equal(uris, (await Store.GetOwnedAsync("https://ex.org/m1", default)).Select(d => d.Uri));
        var owned = await Store.GetOwnedDocumentsAsync("https://ex.org/m1", default);
        Assert.Equal(uris, owned.Select(d => d.Info.Uri));
        Assert.Equal("o2", Encoding.UTF8.GetString(owned[0].Body.Span));
    }

    [Fact]
    public async Task GetCollectionsOf_NestedPagedAndSharedListings_GivesEveryCollectionAtAnyDepthNearestFirst()
    {
        await NestedTreeAsync();

        Assert.Equal(
            [new CollectionMembership("https://ex.org/other", 1), new CollectionMembership("https://ex.org/sub", 1), new CollectionMembership("https://ex.org/top", 2)],
            await Store.GetCollectionsOfAsync("https://ex.org/m2", default));
        Assert.Equal(
            [new CollectionMembership("https://ex.org/sub", 1), new CollectionMembership("https://ex.org/top", 2)],
            await Store.GetCollectionsOfAsync("https://ex.org/m1", default));
        Assert.Equal([new CollectionMembership("https://ex.org/top", 1)], await Store.GetCollectionsOfAsync("https://ex.org/sub", default));
        Assert.Empty(await Store.GetCollectionsOfAsync("https://ex.org/top", default));
        Assert.Empty(await Store.GetCollectionsOfAsync("https://ex.org/page1", default));
    }

    [Fact]
    public async Task SetMembers_ACollectionDropsASubCollection_LogsAChangeForItAndEverythingUnderIt()
    {
        await NestedTreeAsync();
        var before = await Store.GetLastSequenceAsync(default);

        var logged = await Store.SetMembersAsync(Listing("https://ex.org/top", "https://ex.org/top"), default);

        Assert.Equal(3, logged);
        var changes = await Store.GetChangesAsync(before, 10, default);
        Assert.Equal(["https://ex.org/m1", "https://ex.org/m2", "https://ex.org/sub"], changes.Select(c => c.Uri).Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal(ChangeType.Upserted, c.Type));
        Assert.Equal(changes.Select(c => c.Sequence), Enumerable.Range((int)before + 1, 3).Select(i => (long)i));
        Assert.Equal(
            [new CollectionMembership("https://ex.org/other", 1), new CollectionMembership("https://ex.org/sub", 1)],
            await Store.GetCollectionsOfAsync("https://ex.org/m2", default));
        Assert.Equal(1, (await Store.GetInfoAsync("https://ex.org/m1", default))!.Sequence);
    }

    [Fact]
    public async Task SetMembers_TheSameListingAgain_LogsNothing()
    {
        await NestedTreeAsync();
        var before = await Store.GetLastSequenceAsync(default);

        var logged = await Store.SetMembersAsync(Listing("https://ex.org/page1", "https://ex.org/sub", "https://ex.org/m2", "https://ex.org/m1", "https://ex.org/m1"), default);

        Assert.Equal(0, logged);
        Assert.Equal(before, await Store.GetLastSequenceAsync(default));
    }

    [Fact]
    public async Task SetMembers_ADroppedManifest_IsNoLongerInTheCollectionAndGetsAChange()
    {
        await NestedTreeAsync();
        var before = await Store.GetLastSequenceAsync(default);

        await Store.SetMembersAsync(Listing("https://ex.org/other", "https://ex.org/other"), default);

        Assert.Equal("https://ex.org/m2", Assert.Single(await Store.GetChangesAsync(before, 10, default)).Uri);
        Assert.DoesNotContain(await Store.GetCollectionsOfAsync("https://ex.org/m2", default), c => c.CollectionUri == "https://ex.org/other");
    }

    [Fact]
    public async Task Delete_ACollection_LeavesItsMembersOutOfItWithAChangeEach()
    {
        await NestedTreeAsync();
        var before = await Store.GetLastSequenceAsync(default);

        await Store.DeleteAsync("https://ex.org/sub", T0, default);

        var changes = await Store.GetChangesAsync(before, 10, default);
        Assert.Equal(("https://ex.org/sub", ChangeType.Deleted), (changes[0].Uri, changes[0].Type));
        Assert.Equal(["https://ex.org/m1", "https://ex.org/m2"], changes.Skip(1).Select(c => c.Uri));
        Assert.Empty(await Store.GetCollectionsOfAsync("https://ex.org/m1", default));
        Assert.Equal([new CollectionMembership("https://ex.org/other", 1)], await Store.GetCollectionsOfAsync("https://ex.org/m2", default));
    }

    [Fact]
    public async Task GetCollectionsOf_CollectionsListingEachOther_FollowsTheCycleOnce()
    {
        await Store.PutAsync(Collection("https://ex.org/a"), default);
        await Store.PutAsync(Collection("https://ex.org/b"), default);
        await Store.PutAsync(Manifest("https://ex.org/m", "m"), default);
        await Store.SetMembersAsync(Listing("https://ex.org/a", "https://ex.org/a", "https://ex.org/b", "https://ex.org/m"), default);
        await Store.SetMembersAsync(Listing("https://ex.org/b", "https://ex.org/b", "https://ex.org/a"), default);

        Assert.Equal([new CollectionMembership("https://ex.org/b", 1)], await Store.GetCollectionsOfAsync("https://ex.org/a", default));
        Assert.Equal(
            [new CollectionMembership("https://ex.org/a", 1), new CollectionMembership("https://ex.org/b", 2)],
            await Store.GetCollectionsOfAsync("https://ex.org/m", default));
    }

    /// <summary>
    /// top lists sub; sub is paged, its page lists m1 and m2; other lists m2. The manifests are stored first (changes
    /// 1 and 2), so every listing after them logs changes for them too.
    /// </summary>
    private async Task NestedTreeAsync()
    {
        await Store.PutAsync(Manifest("https://ex.org/m1", "1"), default);
        await Store.PutAsync(Manifest("https://ex.org/m2", "2"), default);
        foreach (var uri in new[] { "https://ex.org/top", "https://ex.org/sub", "https://ex.org/page1", "https://ex.org/other" })
        {
            await Store.PutAsync(Collection(uri), default);
        }

        await Store.SetMembersAsync(Listing("https://ex.org/top", "https://ex.org/top", "https://ex.org/sub"), default);
        await Store.SetMembersAsync(Listing("https://ex.org/page1", "https://ex.org/sub", "https://ex.org/m1", "https://ex.org/m2"), default);
        await Store.SetMembersAsync(Listing("https://ex.org/other", "https://ex.org/other", "https://ex.org/m2"), default);
    }

    private static CollectionListing Listing(string listing, string collection, params string[] members) => new()
    {
        ListingUri = listing, CollectionUri = collection, SourceKey = "src", Members = members,
    };

    private static DocumentWrite Collection(string uri) => Manifest(uri, uri) with { Kind = DocumentKind.Collection };

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        return new ServiceCollection().AddSingleton<TimeProvider>(_time).AddIiifStorage(configuration).BuildServiceProvider();
    }

    private static DocumentWrite Manifest(string uri, string body) => new()
    {
        Uri = uri, SourceKey = "src", Kind = DocumentKind.Manifest, Body = Encoding.UTF8.GetBytes(body),
        ContentType = "application/json", ETag = "\"e1\"", FetchedAt = T0,
    };
}
