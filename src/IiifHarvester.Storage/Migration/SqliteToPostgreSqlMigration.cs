using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using IiifHarvester.Storage.PostgreSql;
using IiifHarvester.Storage.Sqlite;

namespace IiifHarvester.Storage.Migration;

/// <summary>
/// Copies an embedded SQLite store into an empty PostgreSQL store (the <c>migrate</c> verb): every document as
/// fetched (deleted ones too, in their original order), the change log with its numbers, checkpoints, image services,
/// failure records and collection memberships, in one PostgreSQL transaction, so a failed copy leaves the target empty. Run leases and
/// node heartbeats are not copied: they describe running processes. Search nodes then build their indexes from the
/// copied log (an empty index catches up from change 0).
/// </summary>
public static class SqliteToPostgreSqlMigration
{
    /// <summary>Copies the SQLite store at <paramref name="sqlitePath"/> into the PostgreSQL database at <paramref name="connectionString"/>.</summary>
    /// <exception cref="InvalidOperationException">The target already holds documents or changes, or the source file is missing.</exception>
    public static async Task<StoreMigrationResult> CopyAsync(string sqlitePath, string connectionString, CancellationToken cancellationToken)
    {
        if (!File.Exists(sqlitePath))
        {
            throw new InvalidOperationException($"There is no SQLite store at {sqlitePath}.");
        }

        // Opening the store on both sides brings each schema to its current version first.
        new SqliteDatabase(new StorageOptions { DatabasePath = sqlitePath }).Dispose();
        await using var target = new PostgreSqlDatabase(connectionString);

        await using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqlitePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await source.OpenAsync(cancellationToken);

        // One read transaction on the source: a consistent snapshot even if a process still writes it.
        await using var snapshot = (SqliteTransaction)await source.BeginTransactionAsync(cancellationToken);
        await using var connection = await target.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("SELECT (SELECT count(*) FROM documents) + (SELECT count(*) FROM changes)", connection, transaction))
        {
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                throw new InvalidOperationException("The PostgreSQL store already holds documents or changes; migrate copies into an empty store only.");
            }
        }

        var documents = await CopyAsync(source, snapshot, connection,
            "SELECT uri, key, source_key, kind, body, content_hash, length, content_type, etag, last_modified, fetched_at, deleted, owner_uri, sequence FROM documents ORDER BY rowid",
            "COPY documents (uri, key, source_key, kind, body, content_hash, length, content_type, etag, last_modified, fetched_at, deleted, owner_uri, sequence) FROM STDIN (FORMAT BINARY)",
            async (reader, writer, ct) =>
            {
                await writer.WriteAsync(reader.GetString(0), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(2), NpgsqlDbType.Text, ct);
                await writer.WriteAsync((short)reader.GetInt32(3), NpgsqlDbType.Smallint, ct);
                await writer.WriteAsync((byte[])reader.GetValue(4), NpgsqlDbType.Bytea, ct);
                await writer.WriteAsync(reader.GetString(5), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetInt64(6), NpgsqlDbType.Bigint, ct);
                await WriteTextAsync(writer, reader, 7, ct);
                await WriteTextAsync(writer, reader, 8, ct);
                await WriteIsoTimeAsync(writer, reader, 9, ct);
                await WriteIsoTimeAsync(writer, reader, 10, ct);
                await writer.WriteAsync(reader.GetInt64(11) != 0, NpgsqlDbType.Boolean, ct);
                await WriteTextAsync(writer, reader, 12, ct);
                await writer.WriteAsync(reader.GetInt64(13), NpgsqlDbType.Bigint, ct);
            }, cancellationToken);

        var changes = await CopyAsync(source, snapshot, connection,
            "SELECT sequence, uri, source_key, kind, type, at FROM changes ORDER BY sequence",
            "COPY changes (sequence, uri, source_key, kind, type, at) FROM STDIN (FORMAT BINARY)",
            async (reader, writer, ct) =>
            {
                await writer.WriteAsync(reader.GetInt64(0), NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(2), NpgsqlDbType.Text, ct);
                await writer.WriteAsync((short)reader.GetInt32(3), NpgsqlDbType.Smallint, ct);
                await writer.WriteAsync((short)reader.GetInt32(4), NpgsqlDbType.Smallint, ct);
                await WriteIsoTimeAsync(writer, reader, 5, ct);
            }, cancellationToken);

        var checkpoints = await CopyAsync(source, snapshot, connection,
            "SELECT source_key, name, value FROM checkpoints",
            "COPY checkpoints (source_key, name, value) FROM STDIN (FORMAT BINARY)",
            async (reader, writer, ct) =>
            {
                await writer.WriteAsync(reader.GetString(0), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(2), NpgsqlDbType.Text, ct);
            }, cancellationToken);

        var images = await CopyAsync(source, snapshot, connection,
            "SELECT key, service_id, profile, source_key, manifest_uri FROM image_services",
            "COPY image_services (key, service_id, profile, source_key, manifest_uri) FROM STDIN (FORMAT BINARY)",
            async (reader, writer, ct) =>
            {
                await writer.WriteAsync(reader.GetString(0), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text, ct);
                await WriteTextAsync(writer, reader, 2, ct);
                await writer.WriteAsync(reader.GetString(3), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(4), NpgsqlDbType.Text, ct);
            }, cancellationToken);

        var failures = await CopyAsync(source, snapshot, connection,
            "SELECT source_key, uri, kind, reason, attempts, first_failed_at, last_failed_at, next_attempt_at FROM document_failures",
            "COPY document_failures (source_key, uri, kind, reason, attempts, first_failed_at, last_failed_at, next_attempt_at) FROM STDIN (FORMAT BINARY)",
            async (reader, writer, ct) =>
            {
                await writer.WriteAsync(reader.GetString(0), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetString(1), NpgsqlDbType.Text, ct);
                await writer.WriteAsync((short)reader.GetInt32(2), NpgsqlDbType.Smallint, ct);
                await writer.WriteAsync(reader.GetString(3), NpgsqlDbType.Text, ct);
                await writer.WriteAsync(reader.GetInt32(4), NpgsqlDbType.Integer, ct);
                for (var i = 5; i <= 7; i++)
                {
                    await writer.WriteAsync(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(i)), NpgsqlDbType.TimestampTz, ct);
                }
            }, cancellationToken);

        var memberships = await CopyAsync(source, snapshot, connection,
            "SELECT listing_uri, member_uri, collection_uri, source_key FROM memberships",
            "COPY memberships (listing_uri, member_uri, collection_uri, source_key) FROM STDIN (FORMAT BINARY)",
            async (reader, writer, ct) =>
            {
                for (var i = 0; i < 4; i++)
                {
                    await writer.WriteAsync(reader.GetString(i), NpgsqlDbType.Text, ct);
                }
            }, cancellationToken);

        long last;
        await using (var counter = new NpgsqlCommand(
            "UPDATE change_counter SET last = (SELECT COALESCE(MAX(sequence), 0) FROM changes) WHERE id = 1 RETURNING last", connection, transaction))
        {
            last = (long)(await counter.ExecuteScalarAsync(cancellationToken))!;
        }

        await transaction.CommitAsync(cancellationToken);
        return new StoreMigrationResult(documents, changes, checkpoints, images, failures, last) { Memberships = memberships };
    }

    private static async Task<long> CopyAsync(
        SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection target, string select, string copy,
        Func<SqliteDataReader, NpgsqlBinaryImporter, CancellationToken, Task> writeRow, CancellationToken cancellationToken)
    {
        await using var command = source.CreateCommand();
        command.Transaction = snapshot;
        command.CommandText = select;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await using var writer = await target.BeginBinaryImportAsync(copy, cancellationToken);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            await writer.StartRowAsync(cancellationToken);
            await writeRow(reader, writer, cancellationToken);
            rows++;
        }

        await writer.CompleteAsync(cancellationToken);
        return rows;
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter writer, SqliteDataReader reader, int ordinal, CancellationToken cancellationToken) =>
        reader.IsDBNull(ordinal)
            ? writer.WriteNullAsync(cancellationToken)
            : writer.WriteAsync(reader.GetString(ordinal), NpgsqlDbType.Text, cancellationToken);

    // The SQLite store keeps document and change times as round-trip ISO 8601 text.
    private static Task WriteIsoTimeAsync(NpgsqlBinaryImporter writer, SqliteDataReader reader, int ordinal, CancellationToken cancellationToken) =>
        reader.IsDBNull(ordinal)
            ? writer.WriteNullAsync(cancellationToken)
            : writer.WriteAsync(
                DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind).ToUniversalTime(),
                NpgsqlDbType.TimestampTz, cancellationToken);
}
