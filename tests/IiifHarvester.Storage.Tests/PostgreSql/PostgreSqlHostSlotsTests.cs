using IiifHarvester.Storage.PostgreSql;
using IiifHarvester.TestUtilities.PostgreSql;
using Xunit;

namespace IiifHarvester.Storage.Tests.PostgreSql;

public sealed class PostgreSqlHostSlotsTests
{
    [Fact]
    public async Task TryTake_ManyNodesAskingAtOnce_GivesTheSlotToExactlyOneAndTellsTheOthersTheWait()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var interval = TimeSpan.FromMinutes(10);

        // Eight nodes, each with its own connection pool, asking for the same host's slot at once.
        var nodes = Enumerable.Range(0, 8).Select(_ => new PostgreSqlDatabase(connectionString)).ToList();
        try
        {
            var waits = await Task.WhenAll(nodes.Select(n => Task.Run(() => new PostgreSqlHostSlots(n).TryTakeAsync("inst.example:443", interval, default))));

            Assert.Single(waits, w => w == TimeSpan.Zero);
            // The others wait about the interval, or, when the row they read predates the winner's commit, ask again
            // after a moment and are told the interval then.
            Assert.All(waits.Where(w => w != TimeSpan.Zero), w => Assert.True(
                w <= TimeSpan.FromMilliseconds(1) || (w > interval - TimeSpan.FromMinutes(1) && w <= interval), $"told to wait {w}"));

            // Another host has a slot of its own.
            Assert.Equal(TimeSpan.Zero, await new PostgreSqlHostSlots(nodes[0]).TryTakeAsync("other.example:443", interval, default));
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
    public async Task TryTake_AfterTheIntervalHasPassed_GivesTheNextSlot()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        await using var database = new PostgreSqlDatabase(connectionString);
        var slots = new PostgreSqlHostSlots(database);

        // The slots run on the database's clock (clock_timestamp()), which a test cannot fake: the interval is long
        // enough that the control below cannot see it pass between two statements, short enough to wait out.
        var interval = TimeSpan.FromSeconds(1);
        Assert.Equal(TimeSpan.Zero, await slots.TryTakeAsync("inst.example:443", interval, default));

        // The control: asked again at once, the slot is not given, and the wait is no longer than the interval.
        var wait = await slots.TryTakeAsync("inst.example:443", interval, default);
        Assert.True(wait > TimeSpan.Zero && wait <= interval, $"told to wait {wait}");

        // Waiting at least as long as the interval (by any clock) finds the slot due again.
        await Task.Delay(interval);
        Assert.Equal(TimeSpan.Zero, await slots.TryTakeAsync("inst.example:443", interval, default));
    }
}
