using System.Runtime.CompilerServices;
using IiifHarvester.Storage.Images;
using Npgsql;

namespace IiifHarvester.Storage.PostgreSql;

/// <summary>The image service catalog in the store's PostgreSQL database.</summary>
internal sealed class PostgreSqlImageServiceCatalog : IImageServiceCatalog
{
    private const string Columns = "key, service_id, profile, source_key, manifest_uri";

    private readonly PostgreSqlDatabase _database;

    public PostgreSqlImageServiceCatalog(PostgreSqlDatabase database) => _database = database;

    public Task RegisterAsync(IReadOnlyCollection<ImageServiceRecord> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Count == 0)
        {
            return Task.CompletedTask;
        }

        // One statement for the whole set; rows are sorted by key so two nodes registering overlapping sets lock
        // them in the same order, and a key named twice in one set is inserted once.
        var distinct = services.GroupBy(s => s.Key, StringComparer.Ordinal).Select(g => g.First()).OrderBy(s => s.Key, StringComparer.Ordinal).ToArray();
        return _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand($"""
                INSERT INTO image_services ({Columns})
                SELECT * FROM unnest(@keys, @ids, @profiles, @sources, @manifests)
                ON CONFLICT (key) DO UPDATE SET profile = COALESCE(excluded.profile, image_services.profile)
                """, connection, transaction);
            command.Parameters.AddWithValue("keys", distinct.Select(s => s.Key).ToArray());
            command.Parameters.AddWithValue("ids", distinct.Select(s => s.ServiceId).ToArray());
            command.Parameters.AddWithValue("profiles", distinct.Select(s => s.Profile).ToArray());
            command.Parameters.AddWithValue("sources", distinct.Select(s => s.SourceKey).ToArray());
            command.Parameters.AddWithValue("manifests", distinct.Select(s => s.ManifestUri).ToArray());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public async Task<ImageServiceRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<ImageServiceRecord?>(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {Columns} FROM image_services WHERE key = @key", connection);
            command.Parameters.AddWithValue("key", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<ImageServiceRecord> ListAsync(string sourceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Paged by key so a long listing (image warming) holds no connection while the caller fetches images.
        var after = string.Empty;
        while (true)
        {
            var page = new List<ImageServiceRecord>();
            await using (var connection = await _database.OpenAsync(cancellationToken))
            await using (var command = new NpgsqlCommand(
                $"SELECT {Columns} FROM image_services WHERE source_key = @s AND key COLLATE \"C\" > @after ORDER BY key COLLATE \"C\" LIMIT 1000", connection))
            {
                command.Parameters.AddWithValue("s", sourceKey);
                command.Parameters.AddWithValue("after", after);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    page.Add(Read(reader));
                }
            }

            foreach (var record in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                after = record.Key;
                yield return record;
            }

            if (page.Count < 1000)
            {
                yield break;
            }
        }
    }

    private static ImageServiceRecord Read(NpgsqlDataReader reader) => new()
    {
        Key = reader.GetString(0),
        ServiceId = reader.GetString(1),
        Profile = reader.IsDBNull(2) ? null : reader.GetString(2),
        SourceKey = reader.GetString(3),
        ManifestUri = reader.GetString(4),
    };
}
