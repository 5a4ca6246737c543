using IiifHarvester.Storage.Cluster;
using Npgsql;
using NpgsqlTypes;

namespace IiifHarvester.Storage.PostgreSql;

/// <summary>The cluster's node heartbeats in the shared PostgreSQL database.</summary>
internal sealed class PostgreSqlClusterNodes : IClusterNodes
{
    private readonly PostgreSqlDatabase _database;

    public PostgreSqlClusterNodes(PostgreSqlDatabase database) => _database = database;

    public Task BeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO cluster_nodes (name, role, started_at, seen_at, indexed_sequence, last_sequence)
                VALUES (@n, @r, @started, @seen, @indexed, @last)
                ON CONFLICT (name) DO UPDATE SET role = excluded.role, started_at = excluded.started_at, seen_at = excluded.seen_at,
                    indexed_sequence = excluded.indexed_sequence, last_sequence = excluded.last_sequence
                """, connection, transaction);
            command.Parameters.AddWithValue("n", heartbeat.Name);
            command.Parameters.AddWithValue("r", heartbeat.Role);
            command.Parameters.Add(new NpgsqlParameter("started", NpgsqlDbType.TimestampTz) { Value = heartbeat.StartedAt.ToUniversalTime() });
            command.Parameters.Add(new NpgsqlParameter("seen", NpgsqlDbType.TimestampTz) { Value = heartbeat.SeenAt.ToUniversalTime() });
            command.Parameters.AddWithValue("indexed", heartbeat.IndexedSequence);
            command.Parameters.AddWithValue("last", heartbeat.LastSequence);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<NodeHeartbeat>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT name, role, started_at, seen_at, indexed_sequence, last_sequence FROM cluster_nodes WHERE seen_at >= @since ORDER BY name COLLATE \"C\"", connection);
        command.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = since.ToUniversalTime() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<NodeHeartbeat>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new NodeHeartbeat
            {
                Name = reader.GetString(0),
                Role = reader.GetString(1),
                StartedAt = reader.GetFieldValue<DateTimeOffset>(2),
                SeenAt = reader.GetFieldValue<DateTimeOffset>(3),
                IndexedSequence = reader.GetInt64(4),
                LastSequence = reader.GetInt64(5),
            });
        }

        return list;
    }
}
