using IiifHarvester.TestUtilities.PostgreSql;

namespace IiifHarvester.Storage.Tests;

/// <summary>The store contract on PostgreSQL: each test on a database of its own in the test process's throwaway cluster.</summary>
public sealed class PostgreSqlDocumentStoreContractTests : DocumentStoreContractTests
{
    protected override async Task<IReadOnlyDictionary<string, string?>> CreateStoreSettingsAsync()
    {
        var server = await PostgresServer.SharedAsync();
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = await server.CreateDatabaseAsync(),
        };
    }

    protected override Task DeleteStoreAsync() => Task.CompletedTask;
}
