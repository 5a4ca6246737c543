using IiifHarvester.Storage.Cluster;
using Npgsql;

namespace IiifHarvester.Storage.PostgreSql;

/// <summary>
/// Host request slots as one row per host in the shared database. Taking a slot is one statement: the upsert locks
/// the host's row, so of the nodes asking at once exactly one finds the slot due and moves it on; the others are
/// told how long to wait. Times are the database's (<c>clock_timestamp()</c>), so the nodes' clocks need not agree.
/// </summary>
internal sealed class PostgreSqlHostSlots : IHostSlots
{
    // A slot that was not ours but had come by the time we read it (another node took it a moment ago and the row we
    // read was older than the one we were refused on): try again after a moment.
    private static readonly TimeSpan RetrySoon = TimeSpan.FromMilliseconds(1);

    private readonly PostgreSqlDatabase _database;

    public PostgreSqlHostSlots(PostgreSqlDatabase database) => _database = database;

    public async Task<TimeSpan> TryTakeAsync(string hostKey, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(hostKey);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH taken AS (
                INSERT INTO host_slots AS s (host_key, next_slot) VALUES (@h, clock_timestamp() + @i)
                ON CONFLICT (host_key) DO UPDATE SET next_slot = clock_timestamp() + @i WHERE s.next_slot <= clock_timestamp()
                RETURNING 1)
            SELECT EXISTS (SELECT 1 FROM taken), (SELECT next_slot - clock_timestamp() FROM host_slots WHERE host_key = @h)
            """, connection)
        {
            // Asked before every paced request: a database that does not answer soon fails the call, not the harvest.
            CommandTimeout = 5,
        };
        command.Parameters.AddWithValue("h", hostKey);
        command.Parameters.AddWithValue("i", interval);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        if (reader.GetBoolean(0))
        {
            return TimeSpan.Zero;
        }

        var wait = reader.IsDBNull(1) ? TimeSpan.Zero : reader.GetTimeSpan(1);
        return wait > TimeSpan.Zero ? wait : RetrySoon;
    }
}
