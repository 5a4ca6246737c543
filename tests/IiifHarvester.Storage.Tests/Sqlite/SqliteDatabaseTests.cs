using IiifHarvester.Storage.Sqlite;
using IiifHarvester.TestUtilities;
using Microsoft.Data.Sqlite;
using Xunit;

namespace IiifHarvester.Storage.Tests.Sqlite;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task WriteAsync_ConcurrentWritesWithOneFailing_OthersCommitAndTheFailureIsTheCallersAlone()
    {
        using var database = new SqliteDatabase(new StorageOptions { DatabasePath = Path.Combine(_dir.Path, "store.db") });
        await database.WriteAsync((c, t) => Execute(c, t, "CREATE TABLE t (n INTEGER PRIMARY KEY)"), default);

        var writes = Enumerable.Range(0, 200).Select(n => Task.Run(() => database.WriteAsync((c, t) =>
        {
            Execute(c, t, $"INSERT INTO t (n) VALUES ({n})");
            if (n == 77)
            {
                // Its own insert must be rolled back with it, and nobody else's.
                throw new InvalidOperationException("write 77 fails");
            }

            return n;
        }, default))).ToList();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => writes[77]);
        Assert.Equal("write 77 fails", failure.Message);
        foreach (var (write, n) in writes.Select((w, n) => (w, n)).Where(x => x.n != 77))
        {
            Assert.Equal(n, await write);
        }

        using var reader = database.Open();
        using var command = reader.CreateCommand();
        command.CommandText = "SELECT COUNT(*), SUM(n = 77) FROM t";
        using var row = command.ExecuteReader();
        Assert.True(row.Read());
        Assert.Equal(199, row.GetInt64(0));
        Assert.Equal(0, row.GetInt64(1));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeItRuns_IsNotMade()
    {
        using var database = new SqliteDatabase(new StorageOptions { DatabasePath = Path.Combine(_dir.Path, "store.db") });
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.WriteAsync((c, t) => Execute(c, t, "CREATE TABLE never (n INTEGER)"), cancelled.Token));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
