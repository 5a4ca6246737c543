using System.Runtime.CompilerServices;
using IiifHarvester.Storage.Images;
using Microsoft.Data.Sqlite;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>The image service catalog on the store's SQLite file.</summary>
internal sealed class SqliteImageServiceCatalog : IImageServiceCatalog
{
    private readonly SqliteDatabase _database;

    public SqliteImageServiceCatalog(SqliteDatabase database) => _database = database;

    public Task RegisterAsync(IReadOnlyCollection<ImageServiceRecord> services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Count == 0)
        {
            return Task.CompletedTask;
        }

        return _database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO image_services (key, service_id, profile, source_key, manifest_uri)
                VALUES ($key, $id, $profile, $source, $manifest)
                ON CONFLICT (key) DO UPDATE SET profile = COALESCE($profile, profile)
                """;
            var key = command.Parameters.Add("$key", SqliteType.Text);
            var id = command.Parameters.Add("$id", SqliteType.Text);
            var profile = command.Parameters.Add("$profile", SqliteType.Text);
            var source = command.Parameters.Add("$source", SqliteType.Text);
            var manifest = command.Parameters.Add("$manifest", SqliteType.Text);
            foreach (var service in services)
            {
                key.Value = service.Key;
                id.Value = service.ServiceId;
                profile.Value = (object?)service.Profile ?? DBNull.Value;
                source.Value = service.SourceKey;
                manifest.Value = service.ManifestUri;
                command.ExecuteNonQuery();
            }

            return services.Count;
        }, cancellationToken);
    }

    public Task<ImageServiceRecord?> FindAsync(string key, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT key, service_id, profile, source_key, manifest_uri FROM image_services WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    public async IAsyncEnumerable<ImageServiceRecord> ListAsync(string sourceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var list = new List<ImageServiceRecord>();
        using (var connection = _database.Open())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT key, service_id, profile, source_key, manifest_uri FROM image_services WHERE source_key = $s ORDER BY key";
            command.Parameters.AddWithValue("$s", sourceKey);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                list.Add(Read(reader));
            }
        }

        foreach (var record in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }

    private static ImageServiceRecord Read(SqliteDataReader reader) => new()
    {
        Key = reader.GetString(0),
        ServiceId = reader.GetString(1),
        Profile = reader.IsDBNull(2) ? null : reader.GetString(2),
        SourceKey = reader.GetString(3),
        ManifestUri = reader.GetString(4),
    };
}
