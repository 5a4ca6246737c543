using IiifHarvester.Harvesting.Status;
using IiifHarvester.Harvesting.Tests.Disks;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Tests.Pipeline;

/// <summary>
/// A full disk: a small tmpfs mounted by the test and filled until the kernel answers ENOSPC (as root, as CI runs),
/// and the same through the write paths' seams (<see cref="InjectedTestDisk"/>) wherever the test runs. The run fails
/// saying so, the process goes on, what is committed stays searchable, health says writes fail, and the next run
/// finishes the work once there is room.
/// </summary>
public sealed class DiskFullTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Theory]
    [MemberData(nameof(TestDisk.Kinds), MemberType = typeof(TestDisk))]
    public async Task Harvest_IndexDiskFull_FailsTheRunKeepsServingAndCatchesUpWhenFreed(string diskKind)
    {
        using var disk = TestDisk.Create(diskKind, "16m");
        using var institution = WireMockInstitution.Create().WithManifests(30).Build();
        var settings = HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri);
        settings["Indexing:Directory"] = Path.Combine(disk.Path, "index");
        await using var harness = new HarvestHarness(_dir.Path, settings, disk.Configure);
        Assert.False((await harness.HarvestAsync("inst")).SourceFailed);
        var committed = harness.Index.CommittedSequence;

        disk.Fill(leaveBytes: 8 * 1024);
        for (var i = 0; i < 30; i++)
        {
            institution.ReviseManifest(i);
            institution.AddActivity(new StreamActivity("Update", $"/manifests/{i}.json", institution.CreateTime(30).AddMinutes(i)));
        }

        var full = await harness.HarvestAsync("inst");

        Assert.True(full.SourceFailed);
        Assert.Contains(full.Errors, e => e.Contains("the index could not be brought up to the store", StringComparison.Ordinal)
            && e.Contains("No space left on device", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(WriteHealth.Index, harness.Get<WriteHealth>().Failing.Keys);
        Assert.Null(harness.Get<HarvestStatusBoard>().Running("inst"));
        Assert.Equal(committed, harness.Index.CommittedSequence);
        Assert.Equal(30, harness.Index.GetStatistics().Manifests);

        disk.Free();
        var resumed = await harness.HarvestAsync("inst");

        Assert.False(resumed.SourceFailed);
        Assert.True(harness.Get<WriteHealth>().IsHealthy);
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
        Assert.Equal(30, harness.Index.GetStatistics().Manifests);
    }

    [Theory]
    [MemberData(nameof(TestDisk.Kinds), MemberType = typeof(TestDisk))]
    public async Task Harvest_StoreDiskFull_FailsTheRunLosesNothingStoredAndFinishesWhenThereIsRoom(string diskKind)
    {
        // Half of the institution is harvested while there is room, the other half is published once the disk is
        // full: what the first run stored must survive the failed run, whatever the second run managed before ENOSPC.
        using var disk = TestDisk.Create(diskKind, "16m");
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var builder = WireMockInstitution.Create().WithManifests(60).WithTimes(start, TimeSpan.FromMinutes(1)).WithoutGeneratedCreates();
        for (var i = 0; i < 30; i++)
        {
            builder.WithActivity(new StreamActivity("Create", $"/manifests/{i}.json", start.AddMinutes(i)));
        }

        using var institution = builder.Build();
        var settings = HarvestHarness.StreamSource("inst", institution.StreamUri.AbsoluteUri);
        settings["Storage:DatabasePath"] = Path.Combine(disk.Path, "store.db");
        await using var harness = new HarvestHarness(_dir.Path, settings, disk.Configure);
        Assert.False((await harness.HarvestAsync("inst")).SourceFailed);
        var before = await harness.LiveManifestsAsync("inst");
        Assert.Equal(30, before.Count);

        for (var i = 30; i < 60; i++)
        {
            institution.AddActivity(new StreamActivity("Create", $"/manifests/{i}.json", institution.CreateTime(i)));
        }

        disk.Fill(leaveBytes: 96 * 1024);
        var full = await harness.HarvestAsync("inst");

        Assert.True(full.SourceFailed);
        Assert.Contains(full.Errors, e => e.Contains("full", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(WriteHealth.Store, harness.Get<WriteHealth>().Failing.Keys);
        Assert.Null(harness.Get<HarvestStatusBoard>().Running("inst"));
        var stored = await harness.LiveManifestsAsync("inst");
        Assert.True(before.IsSubsetOf(stored), "a manifest stored before the disk filled is gone");
        Assert.InRange(stored.Count, 30, 59);
        Assert.Equal(stored.Count, harness.Index.GetStatistics().Manifests);

        disk.Free();
        var resumed = await harness.HarvestAsync("inst");

        Assert.False(resumed.SourceFailed);
        Assert.True(harness.Get<WriteHealth>().IsHealthy);
        var all = await harness.LiveManifestsAsync("inst");
        Assert.Equal(60, all.Count);
        Assert.True(stored.IsSubsetOf(all));
        Assert.Equal(60, harness.Index.GetStatistics().Manifests);
        Assert.Equal(await harness.Store.GetLastSequenceAsync(default), harness.Index.CommittedSequence);
    }
}
