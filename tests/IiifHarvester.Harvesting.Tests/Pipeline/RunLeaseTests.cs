using IiifHarvester.Harvesting.Status;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// One run per source, whoever starts it: two hosts sharing one store (each with its own index, as nodes do), and a
/// store that cannot be written.
/// </summary>
public sealed class RunLeaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Harvest_SourceRunningOnAnotherHostOfTheStore_IsRefusedSayingWhoHoldsIt()
    {
        using var institution = WireMockInstitution.Create().WithManifests(4).Build();
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        institution.SetFault("/manifests/0.json", InstitutionFault.HeldUntil(() =>
        {
            asked.TrySetResult();
            return release.Task;
        }));
        await using var first = Host(institution, "index-a");
        await using var second = Host(institution, "index-b");

        // The first host's run is inside its lease for as long as the institution holds manifest 0.
        var running = first.HarvestAsync("inst");
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotNull(first.Get<HarvestStatusBoard>().Running("inst"));

        var refused = await second.HarvestAsync("inst");
        Assert.False(running.IsCompleted);
        release.SetResult();
        var ran = await running;

        Assert.NotNull(refused.Refused);
        Assert.Contains($"/{Environment.ProcessId}/", refused.Refused, StringComparison.Ordinal);
        Assert.Contains("in progress", refused.Refused, StringComparison.Ordinal);
        Assert.Equal(0, refused.Counts.Fetched);
        Assert.Null(ran.Refused);
        Assert.False(ran.SourceFailed);
        Assert.Equal(4, (await first.LiveManifestsAsync("inst")).Count);
        Assert.Equal(1, institution.RequestCount("/manifests/0.json"));
        Assert.NotNull(second.Get<HarvestStatusBoard>().LastRefused("inst"));
        Assert.Null(second.Get<HarvestStatusBoard>().LastRun("inst"));

        // Once the first run is over, the source is free again.
        var after = await second.HarvestAsync("inst");
        Assert.Null(after.Refused);
        Assert.False(after.SourceFailed);
    }

    [Fact]
    public async Task Harvest_StoreLockedByAnotherProcess_FailsAtOnceSayingWhyAndIsNotLeftRunning()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).Build();
        var settings = HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri);
        settings["Storage:BusyTimeout"] = "00:00:00.200";
        await using var harness = new HarvestHarness(_dir.Path, settings);
        _ = await harness.Store.GetLastSequenceAsync(default);

        // Another process holds the database's write lock for as long as the harvest tries.
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(_dir.Path, "store.db")};Pooling=False"))
        {
            await other.OpenAsync();
            await using var hold = other.CreateCommand();
            hold.CommandText = "BEGIN EXCLUSIVE";
            await hold.ExecuteNonQueryAsync();

            var result = await harness.HarvestAsync("inst");

            Assert.True(result.SourceFailed);
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("the store cannot be written: ", error, StringComparison.Ordinal);
            Assert.Contains("locked", error, StringComparison.Ordinal);
            Assert.Equal(0, institution.TotalRequests);
            var board = harness.Get<HarvestStatusBoard>();
            Assert.Null(board.Running("inst"));
            Assert.True(board.LastRun("inst")!.SourceFailed);
        }

        // The lock is gone: the next run harvests.
        var next = await harness.HarvestAsync("inst");
        Assert.False(next.SourceFailed);
        Assert.Equal(2, (await harness.LiveManifestsAsync("inst")).Count);
    }

    private HarvestHarness Host(WireMockInstitution institution, string index)
    {
        var settings = HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri);
        settings["Indexing:Directory"] = Path.Combine(_dir.Path, index);
        return new HarvestHarness(_dir.Path, settings);
    }
}
