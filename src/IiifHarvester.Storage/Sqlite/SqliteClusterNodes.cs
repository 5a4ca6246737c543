using IiifHarvester.Storage.Cluster;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>Node heartbeats in the SQLite store (one node, or processes sharing the file).</summary>
internal sealed class SqliteClusterNodes : IClusterNodes
{
    private readonly SqliteDatabase _database;

    public SqliteClusterNodes(SqliteDatabase database) => _database = database;

    public Task BeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(heartbeat);
        return _database.WriteAsync((connection, transaction) =>
        {
            var command = _database.Statement(transaction, """
                INSERT INTO cluster_nodes (name, role, started_at, seen_at, indexed_sequence, last_sequence)
                VALUES ($n, $r, $started, $seen, $indexed, $last)
                ON CONFLICT (name) DO UPDATE SET role = $r, started_at = $started, seen_at = $seen,
                    indexed_sequence = $indexed, last_sequence = $last
                """);
            command.Parameters.AddWithValue("$n", heartbeat.Name);
            command.Parameters.AddWithValue("$r", heartbeat.Role);
            command.Parameters.AddWithValue("$started", heartbeat.StartedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$seen", heartbeat.SeenAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$indexed", heartbeat.IndexedSequence);
            command.Parameters.AddWithValue("$last", heartbeat.LastSequence);
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<NodeHeartbeat>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read<IReadOnlyList<NodeHeartbeat>>(session =>
        {
            var command = session.Statement(
                "SELECT name, role, started_at, seen_at, indexed_sequence, last_sequence FROM cluster_nodes WHERE seen_at >= $since ORDER BY name");
            command.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            using var reader = command.ExecuteReader();
            var list = new List<NodeHeartbeat>();
            while (reader.Read())
            {
                list.Add(new NodeHeartbeat
                {
                    Name = reader.GetString(0),
                    Role = reader.GetString(1),
                    StartedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                    SeenAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    IndexedSequence = reader.GetInt64(4),
                    LastSequence = reader.GetInt64(5),
                });
            }

            return list;
        }));
}
