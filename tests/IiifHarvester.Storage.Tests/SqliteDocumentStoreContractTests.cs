using IiifHarvester.TestUtilities;

namespace IiifHarvester.Storage.Tests;

/// <summary>The store contract on the embedded SQLite store.</summary>
public sealed class SqliteDocumentStoreContractTests : DocumentStoreContractTests
{
    private readonly TempDirectory _dir = new();

    protected override Task<IReadOnlyDictionary<string, string?>> CreateStoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string?>>(new Dictionary<string, string?> { ["Storage:DatabasePath"] = Path.Combine(_dir.Path, "store.db") });

    protected override Task DeleteStoreAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
