using IiifHarvester.Storage.Sqlite;
using IiifHarvester.TestUtilities;
using Microsoft.Data.Sqlite;
using Xunit;

namespace IiifHarvester.Storage.Tests.Sqlite;

/// <summary>
/// The writer stores a harvest's writes at the harvest's priority: a group made only of writes asked for by threads
/// under SCHED_IDLE is written under SCHED_IDLE; a group holding any other write is written at normal priority, so a
/// request's write never waits on an idle thread of its own.
/// </summary>
public sealed class SqliteWriterPriorityTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly SqliteDatabase _database;

    public SqliteWriterPriorityTests()
    {
        _database = new SqliteDatabase(new StorageOptions { DatabasePath = Path.Combine(_dir.Path, "store.db") });
        _database.WriteAsync((c, t) => SqliteDatabaseTests.Execute(c, t, "CREATE TABLE t (n INTEGER PRIMARY KEY)"), default).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task Write_AskedForFromAnIdleThread_IsWrittenUnderTheIdlePolicyAndCommits()
    {
        var policy = await await ThreadScheduling.OnIdleThread(() => _database.WriteAsync((c, t) =>
        {
            SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (1)");
            return ThreadScheduling.CurrentPolicy();
        }, default));

        Assert.Equal(ThreadScheduling.Idle, policy);
        Assert.Equal(new long[] { 1 }, Rows());
    }

    [Fact]
    public async Task Write_AskedForFromANormalThread_IsWrittenAtNormalPriority()
    {
        var policy = await _database.WriteAsync((c, t) =>
        {
            SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (2)");
            return ThreadScheduling.CurrentPolicy();
        }, default);

        Assert.Equal(ThreadScheduling.Normal, policy);
        Assert.Equal(new long[] { 2 }, Rows());
    }

    [Fact]
    public async Task Group_HoldingAnIdleAndANormalWrite_IsWrittenAtNormalPriority()
    {
        // A first write holds the writer while the two are queued, so they are grouped into the next transaction.
        using var holding = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = _database.WriteAsync((c, t) =>
        {
            holding.Set();
            release.Wait();
            return SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (10)");
        }, default);
        holding.Wait();

        var fromIdle = await ThreadScheduling.OnIdleThread(() => _database.WriteAsync((c, t) =>
        {
            SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (11)");
            return (Policy: ThreadScheduling.CurrentPolicy(), Thread: Environment.CurrentManagedThreadId);
        }, default));
        var fromNormal = _database.WriteAsync((c, t) =>
        {
            SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (12)");
            return (Policy: ThreadScheduling.CurrentPolicy(), Thread: Environment.CurrentManagedThreadId);
        }, default);
        release.Set();
        await first;

        var (idle, normal) = (await fromIdle, await fromNormal);
        Assert.Equal(normal.Thread, idle.Thread);
        Assert.Equal(ThreadScheduling.Normal, idle.Policy);
        Assert.Equal(ThreadScheduling.Normal, normal.Policy);
        Assert.Equal(new long[] { 10, 11, 12 }, Rows());
    }

    [Fact]
    public async Task Write_FromAnIdleThreadThatThrows_FailsAloneAndTheWriterGoesOn()
    {
        var failing = await ThreadScheduling.OnIdleThread(() => _database.WriteAsync<int>((c, t) =>
        {
            SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (20)");
            throw new InvalidOperationException("the idle write fails");
        }, default));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("the idle write fails", failure.Message);
        await await ThreadScheduling.OnIdleThread(() => _database.WriteAsync((c, t) => SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (21)"), default));
        await _database.WriteAsync((c, t) => SqliteDatabaseTests.Execute(c, t, "INSERT INTO t (n) VALUES (22)"), default);
        Assert.Equal(new long[] { 21, 22 }, Rows());
    }

    public void Dispose()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    private long[] Rows()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT n FROM t ORDER BY n";
        using var reader = command.ExecuteReader();
        var rows = new List<long>();
        while (reader.Read())
        {
            rows.Add(reader.GetInt64(0));
        }

        return [.. rows];
    }
}
