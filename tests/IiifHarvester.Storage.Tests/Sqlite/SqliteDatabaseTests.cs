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
        var ran = 0;

        // Cancelled before it is asked for.
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.WriteAsync((c, t) =>
        {
            Interlocked.Increment(ref ran);
            return Execute(c, t, "CREATE TABLE never (n INTEGER)");
        }, cancelled.Token));

        // Cancelled while it waits behind another write.
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var holding = database.WriteAsync((c, t) =>
        {
            entered.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return Execute(c, t, "CREATE TABLE made (n INTEGER)");
        }, default);
        Assert.True(entered.Wait(TimeSpan.FromSeconds(30)));
        using var queued = new CancellationTokenSource();
        var waiting = database.WriteAsync((c, t) =>
        {
            Interlocked.Increment(ref ran);
            return Execute(c, t, "CREATE TABLE never_queued (n INTEGER)");
        }, queued.Token);
        await queued.CancelAsync();
        release.Set();
        await holding;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        Assert.Equal(0, Volatile.Read(ref ran));
        Assert.Equal(["made"], Tables(database));
    }

    private static List<string> Tables(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('made', 'never', 'never_queued') ORDER BY name";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    [Fact]
    public async Task Statement_ReusedAcrossWritesAndAfterOneFails_BindsFreshParametersEachTime()
    {
        using var database = new SqliteDatabase(new StorageOptions { DatabasePath = Path.Combine(_dir.Path, "store.db") });
        await database.WriteAsync((c, t) => Execute(c, t, "CREATE TABLE t (n INTEGER PRIMARY KEY, s TEXT)"), default);
        const string Insert = "INSERT INTO t (n, s) VALUES ($n, $s)";

        var writes = Enumerable.Range(0, 100).Select(n => database.WriteAsync((c, t) =>
        {
            var insert = database.Statement(t, Insert);
            insert.Parameters.AddWithValue("$n", n % 90);
            insert.Parameters.AddWithValue("$s", $"v{n}");
            return insert.ExecuteNonQuery();
        }, default)).ToList();

        // n = 90..99 collide with 0..9: those fail alone, and the prepared statement goes on working after them.
        for (var n = 0; n < 100; n++)
        {
            if (n < 90)
            {
                Assert.Equal(1, await writes[n]);
            }
            else
            {
                await Assert.ThrowsAsync<SqliteException>(() => writes[n]);
            }
        }

        var rows = database.Read(session =>
        {
            var select = session.Statement("SELECT COUNT(*), (SELECT s FROM t WHERE n = 5) FROM t WHERE n >= $from");
            select.Parameters.AddWithValue("$from", 0);
            using var reader = select.ExecuteReader();
            Assert.True(reader.Read());
            return (reader.GetInt64(0), reader.GetString(1));
        });
        Assert.Equal((90L, "v5"), rows);
    }

    [Fact]
    public async Task Read_ConcurrentReadsAndAFailingOne_EachSeesItsOwnParametersAndTheFailureIsNotKept()
    {
        using var database = new SqliteDatabase(new StorageOptions { DatabasePath = Path.Combine(_dir.Path, "store.db") });
        await database.WriteAsync((c, t) => Execute(c, t, """
            CREATE TABLE t (n INTEGER PRIMARY KEY);
            WITH RECURSIVE r(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM r WHERE x < 500) INSERT INTO t (n) SELECT x FROM r;
            """), default);

        Assert.Throws<SqliteException>(() => database.Read<long>(session => (long)session.Statement("SELECT nope FROM t").ExecuteScalar()!));

        var sums = await Task.WhenAll(Enumerable.Range(1, 200).Select(k => Task.Run(() => database.Read(session =>
        {
            var select = session.Statement("SELECT SUM(n) FROM t WHERE n <= $k");
            select.Parameters.AddWithValue("$k", k);
            return (k, Sum: (long)select.ExecuteScalar()!);
        }))));

        Assert.All(sums, s => Assert.Equal((long)s.k * (s.k + 1) / 2, s.Sum));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    internal static int Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }
}
