using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using IiifHarvester.Storage.Images;
using IiifHarvester.Storage.Migration;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Storage.Tests.PostgreSql;

public sealed class SqliteToPostgreSqlMigrationTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(T0);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Copy_ASqliteStore_GivesAPostgreSqlStoreThatReadsTheSameAndContinuesItsLog()
    {
        var target = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var image = new ImageServiceRecord { Key = "k1", ServiceId = "https://img.ex.org/a", Profile = "level1", SourceKey = "src", ManifestUri = "https://ex.org/m0" };
        var failure = new DocumentFailure
        {
            SourceKey = "src", Uri = "https://ex.org/bad", Kind = DocumentKind.Manifest, Reason = "Forbidden (HTTP 403)",
            Attempts = 2, FirstFailedAt = T0, LastFailedAt = T0.AddHours(1), NextAttemptAt = T0.AddHours(5),
        };
        await using (var sqlite = Build(new() { ["Storage:DatabasePath"] = Path.Combine(_dir.Path, "store.db") }))
        {
            var store = sqlite.GetRequiredService<IDocumentStore>();
            for (var i = 0; i < 5; i++)
            {
                await store.PutAsync(Write($"https://ex.org/m{i}", DocumentKind.Manifest, $"m{i}") with { ETag = "\"e\"", LastModified = T0.AddDays(-1) }, default);
                _time.Advance(TimeSpan.FromSeconds(1));
            }

            foreach (var list in new[] { "https://ex.org/l-z", "https://ex.org/l-a" })
            {
                await store.PutAsync(Write(list, DocumentKind.Annotations, list) with { OwnerUri = "https://ex.org/m0" }, default);
            }

            await store.RecordChangeAsync("https://ex.org/m0", default);
            await store.DeleteAsync("https://ex.org/m3", T0, default);
            await store.SetCheckpointAsync("src", "stream", "2026-01-01T00:00:00Z", default);
            await store.PutFailureAsync(failure, default);
            await sqlite.GetRequiredService<IImageServiceCatalog>().RegisterAsync([image], default);
            await store.PutAsync(Write("https://ex.org/c", DocumentKind.Collection, "c"), default);
            await store.SetMembersAsync(new CollectionListing { ListingUri = "https://ex.org/c", CollectionUri = "https://ex.org/c", SourceKey = "src", Members = ["https://ex.org/m0", "https://ex.org/m1", "https://ex.org/m3"] }, default);
        }

        var result = await SqliteToPostgreSqlMigration.CopyAsync(Path.Combine(_dir.Path, "store.db"), target, default);

        Assert.Equal(new StoreMigrationResult(8, 10, 1, 1, 1, 10) { Memberships = 3 }, result);
        await using var sqliteAgain = Build(new() { ["Storage:DatabasePath"] = Path.Combine(_dir.Path, "store.db") });
        await using var postgres = Build(new() { ["Storage:Provider"] = "PostgreSql", ["Storage:ConnectionString"] = target });
        var from = sqliteAgain.GetRequiredService<IDocumentStore>();
        var to = postgres.GetRequiredService<IDocumentStore>();
        Assert.Equal(await from.GetChangesAsync(0, 100, default), await to.GetChangesAsync(0, 100, default));
        foreach (var uri in new[] { "https://ex.org/m0", "https://ex.org/m3", "https://ex.org/l-z" })
        {
            var a = await from.GetAsync(uri, default);
            var b = await to.GetAsync(uri, default);
            Assert.Equal(a!.Info, b!.Info);
            Assert.Equal(a.Body.ToArray(), b.Body.ToArray());
        }

        Assert.Equal(["https://ex.org/l-z", "https://ex.org/l-a"], (await to.GetOwnedAsync("https://ex.org/m0", default)).Select(d => d.Uri));
        Assert.Equal("2026-01-01T00:00:00Z", await to.GetCheckpointAsync("src", "stream", default));
        Assert.Equal(failure, Assert.Single(await to.GetFailuresAsync("src", default)));
        Assert.Equal(image, await postgres.GetRequiredService<IImageServiceCatalog>().FindAsync("k1", default));
        Assert.Equal([new CollectionMembership("https://ex.org/c", 1)], await to.GetCollectionsOfAsync("https://ex.org/m1", default));
        Assert.Equal(11, (await to.PutAsync(Write("https://ex.org/new", DocumentKind.Manifest, "n"), default)).Sequence);

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => SqliteToPostgreSqlMigration.CopyAsync(Path.Combine(_dir.Path, "store.db"), target, default));
        Assert.Contains("empty store only", again.Message, StringComparison.Ordinal);
    }

    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<TimeProvider>(_time).AddIiifStorage(configuration).BuildServiceProvider();
    }

    private DocumentWrite Write(string uri, DocumentKind kind, string body) => new()
    {
        Uri = uri, SourceKey = "src", Kind = kind, Body = System.Text.Encoding.UTF8.GetBytes(body), ContentType = "application/json", FetchedAt = _time.GetUtcNow(),
    };
}
