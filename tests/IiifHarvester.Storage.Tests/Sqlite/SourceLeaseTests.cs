using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using IiifHarvester.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Storage.Tests.Sqlite;

/// <summary>Run leases and failure records, with two stores on one database file standing for two processes.</summary>
public sealed class SourceLeaseTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(T0);
    private readonly ServiceProvider _first;
    private readonly ServiceProvider _second;

    public SourceLeaseTests()
    {
        _first = Build();
        _second = Build();
    }

    private IDocumentStore First => _first.GetRequiredService<IDocumentStore>();

    private IDocumentStore Second => _second.GetRequiredService<IDocumentStore>();

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

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Data:Directory"] = _dir.Path }).Build();
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_time);
        services.AddIiifStorage(configuration);
        return services.BuildServiceProvider();
    }
}
