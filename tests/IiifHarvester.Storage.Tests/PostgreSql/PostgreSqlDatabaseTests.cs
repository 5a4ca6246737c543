using IiifHarvester.Storage.PostgreSql;
using IiifHarvester.TestUtilities.PostgreSql;
using Npgsql;
using Xunit;

namespace IiifHarvester.Storage.Tests.PostgreSql;

public sealed class PostgreSqlDatabaseTests
{
    [Fact]
    public async Task Migrate_SeveralNodesStartingAtOnce_CreateTheSchemaOnceAndAllStart()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();

        var nodes = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new PostgreSqlDatabase(connectionString))));

        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT array_agg(version ORDER BY version) FROM schema_info", connection);
            var versions = (int[])(await command.ExecuteScalarAsync())!;
            Assert.Equal(Enumerable.Range(1, PostgreSqlDatabase.SchemaVersion), versions);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Migrate_ADatabaseFromANewerBuild_IsRefusedWithAClearError()
    {
        var server = await PostgresServer.SharedAsync();
        var connectionString = await server.CreateDatabaseAsync();
        await new PostgreSqlDatabase(connectionString).DisposeAsync();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("INSERT INTO schema_info (version) VALUES (999)", connection);
            await command.ExecuteNonQueryAsync();
        }

        var error = Assert.Throws<InvalidOperationException>(() => new PostgreSqlDatabase(connectionString));

        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
    }
}
