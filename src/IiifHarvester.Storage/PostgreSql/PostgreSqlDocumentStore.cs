using System.Runtime.CompilerServices;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using IiifHarvester.Storage.Leases;
using Npgsql;
using NpgsqlTypes;

namespace IiifHarvester.Storage.PostgreSql;

/// <summary>
/// The document store on PostgreSQL, for several nodes sharing one database. Every write is one transaction that
/// updates the documents and appends its change; a change's number is taken from the counter row as the last step
/// before the commit (row locks on documents first, the counter last, so writers never deadlock on it and hold it
/// for two round trips), which keeps the log gap-free and in commit order across every node.
/// </summary>
internal sealed class PostgreSqlDocumentStore : IDocumentStore
{
    private const string InfoColumns =
        "uri, key, source_key, kind, content_hash, length, content_type, etag, last_modified, fetched_at, deleted, owner_uri, sequence";

    // Allocates the next number, appends the change and stamps it on the documents named, in one statement.
    private const string AppendChangeSql = """
        WITH s AS (UPDATE change_counter SET last = last + 1 WHERE id = 1 RETURNING last),
        c AS (INSERT INTO changes (sequence, uri, source_key, kind, type, at)
              SELECT last, @uri, @source, @kind, @type, @at FROM s RETURNING sequence),
        u AS (UPDATE documents SET sequence = (SELECT sequence FROM c) WHERE uri = ANY(@stamp))
        SELECT sequence FROM c
        """;

    private readonly PostgreSqlDatabase _database;
    private readonly TimeProvider _time;

    public PostgreSqlDocumentStore(PostgreSqlDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public async Task<StoredDocumentInfo?> GetInfoAsync(string uri, CancellationToken cancellationToken) =>
        (await QuerySingleAsync($"SELECT {InfoColumns} FROM documents WHERE uri = @p", uri, withBody: false, cancellationToken))?.Info;

    public Task<StoredDocument?> GetAsync(string uri, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {InfoColumns}, body FROM documents WHERE uri = @p", uri, withBody: true, cancellationToken);

    public Task<StoredDocument?> GetByKeyAsync(string key, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {InfoColumns}, body FROM documents WHERE key = @p", key, withBody: true, cancellationToken);

    public Task<WriteResult> PutAsync(DocumentWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var hash = ContentHash.Of(write.Body.Span);
        var isRoot = write.Kind is DocumentKind.Manifest or DocumentKind.Collection;
        return _database.WriteAsync(async (connection, transaction) =>
        {
            string? oldHash = null;
            var wasDeleted = false;
            string? oldOwner = null;
            await using (var select = new NpgsqlCommand("SELECT content_hash, deleted, owner_uri FROM documents WHERE uri = @uri FOR UPDATE", connection, transaction))
            {
                select.Parameters.AddWithValue("uri", write.Uri);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    oldHash = reader.GetString(0);
                    wasDeleted = reader.GetBoolean(1);
                    oldOwner = reader.IsDBNull(2) ? null : reader.GetString(2);
                }
            }

            var outcome = oldHash is null || wasDeleted ? WriteOutcome.Added
                : oldHash == hash && oldOwner == write.OwnerUri ? WriteOutcome.Unchanged
                : WriteOutcome.Updated;

            if (outcome == WriteOutcome.Unchanged)
            {
                await using (var touch = new NpgsqlCommand(
                    "UPDATE documents SET etag = @etag, last_modified = @lm, fetched_at = @fetched, content_type = @ct WHERE uri = @uri", connection, transaction))
                {
                    touch.Parameters.AddWithValue("uri", write.Uri);
                    touch.Parameters.Add(Text("etag", write.ETag));
                    touch.Parameters.Add(Time("lm", write.LastModified));
                    touch.Parameters.Add(Time("fetched", write.FetchedAt));
                    touch.Parameters.Add(Text("ct", write.ContentType));
                    await touch.ExecuteNonQueryAsync(cancellationToken);
                }

                if (isRoot && write.ForceChange)
                {
                    var forced = await AppendChangeAsync(connection, transaction, write.Uri, write.SourceKey, write.Kind, ChangeType.Upserted, [write.Uri], cancellationToken);
                    return new WriteResult(WriteOutcome.Unchanged, forced);
                }

                return new WriteResult(WriteOutcome.Unchanged, null);
            }

            await using (var upsert = new NpgsqlCommand("""
                INSERT INTO documents (uri, key, source_key, kind, body, content_hash, length, content_type, etag, last_modified, fetched_at, deleted, owner_uri, sequence)
                VALUES (@uri, @key, @source, @kind, @body, @hash, @length, @ct, @etag, @lm, @fetched, false, @owner, 0)
                ON CONFLICT (uri) DO UPDATE SET source_key = excluded.source_key, kind = excluded.kind, body = excluded.body,
                    content_hash = excluded.content_hash, length = excluded.length, content_type = excluded.content_type,
                    etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at,
                    deleted = false, owner_uri = excluded.owner_uri, sequence = 0
                """, connection, transaction))
            {
                upsert.Parameters.AddWithValue("uri", write.Uri);
                upsert.Parameters.AddWithValue("key", ResourceKey.For(write.Uri));
                upsert.Parameters.AddWithValue("source", write.SourceKey);
                upsert.Parameters.AddWithValue("kind", (short)write.Kind);
                upsert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>>("body", NpgsqlDbType.Bytea) { TypedValue = write.Body });
                upsert.Parameters.AddWithValue("hash", hash);
                upsert.Parameters.AddWithValue("length", (long)write.Body.Length);
                upsert.Parameters.Add(Text("ct", write.ContentType));
                upsert.Parameters.Add(Text("etag", write.ETag));
                upsert.Parameters.Add(Time("lm", write.LastModified));
                upsert.Parameters.Add(Time("fetched", write.FetchedAt));
                upsert.Parameters.Add(Text("owner", write.OwnerUri));
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            }

            // Only roots log changes; an owned document is covered by its manifest's change, written after it.
            if (!isRoot)
            {
                return new WriteResult(outcome, null);
            }

            var sequence = await AppendChangeAsync(connection, transaction, write.Uri, write.SourceKey, write.Kind, ChangeType.Upserted, [write.Uri], cancellationToken);
            return new WriteResult(outcome, sequence);
        }, cancellationToken);
    }

    public Task MarkRevalidatedAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("UPDATE documents SET fetched_at = @at WHERE uri = @uri", connection, transaction);
            command.Parameters.AddWithValue("uri", uri);
            command.Parameters.Add(Time("at", at));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<long?> DeleteAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            if (await FindLiveAsync(connection, transaction, uri, cancellationToken) is not { } live)
            {
                return null;
            }

            var marked = new List<string>();
            await using (var update = new NpgsqlCommand(
                "UPDATE documents SET deleted = true WHERE uri = @uri OR owner_uri = @uri RETURNING uri", connection, transaction))
            {
                update.Parameters.AddWithValue("uri", uri);
                await using var reader = await update.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    marked.Add(reader.GetString(0));
                }
            }

            var sequence = await AppendChangeAsync(connection, transaction, uri, live.Source, live.Kind, ChangeType.Deleted, [.. marked], cancellationToken);
            if (live.Kind == DocumentKind.Collection)
            {
                await LogMembershipChangesAsync(connection, transaction, [uri], cancellationToken);
            }

            return sequence;
        }, cancellationToken);

    public Task<int> ReleaseOwnedAsync(string ownerUri, IReadOnlyCollection<string> keep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            var stale = new List<string>();
            string? source = null;
            await using (var select = new NpgsqlCommand(
                "SELECT uri, source_key FROM documents WHERE owner_uri = @owner AND NOT deleted ORDER BY id FOR UPDATE", connection, transaction))
            {
                select.Parameters.AddWithValue("owner", ownerUri);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (!keep.Contains(reader.GetString(0)))
                    {
                        stale.Add(reader.GetString(0));
                        source ??= reader.GetString(1);
                    }
                }
            }

            if (stale.Count == 0)
            {
                return 0;
            }

            await using (var update = new NpgsqlCommand("UPDATE documents SET deleted = true WHERE uri = ANY(@uris)", connection, transaction))
            {
                update.Parameters.AddWithValue("uris", stale.ToArray());
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            await AppendChangeAsync(connection, transaction, ownerUri, source!, DocumentKind.Manifest, ChangeType.Upserted, [.. stale], cancellationToken);
            return stale.Count;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDocumentInfo>> GetOwnedAsync(string ownerUri, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<IReadOnlyList<StoredDocumentInfo>>(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {InfoColumns} FROM documents WHERE owner_uri = @p AND NOT deleted ORDER BY id", connection);
            command.Parameters.AddWithValue("p", ownerUri);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<StoredDocumentInfo>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(ReadInfo(reader));
            }

            return list;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredDocument>> GetOwnedDocumentsAsync(string ownerUri, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<IReadOnlyList<StoredDocument>>(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT {InfoColumns}, body FROM documents WHERE owner_uri = @p AND NOT deleted ORDER BY id", connection);
            command.Parameters.AddWithValue("p", ownerUri);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<StoredDocument>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new StoredDocument(ReadInfo(reader), reader.GetFieldValue<byte[]>(13)));
            }

            return list;
        }, cancellationToken);
    }

    public Task<long?> RecordChangeAsync(string uri, CancellationToken cancellationToken) =>
        _database.WriteAsync<long?>(async (connection, transaction) =>
        {
            if (await FindLiveAsync(connection, transaction, uri, cancellationToken) is not { } live)
            {
                return null;
            }

            return await AppendChangeAsync(connection, transaction, uri, live.Source, live.Kind, ChangeType.Upserted, [uri], cancellationToken);
        }, cancellationToken);

    public Task<int> SetMembersAsync(CollectionListing listing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var select = new NpgsqlCommand(
                "SELECT member_uri, collection_uri FROM memberships WHERE listing_uri = @l FOR UPDATE", connection, transaction))
            {
                select.Parameters.AddWithValue("l", listing.ListingUri);
                await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    recorded[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var changed = MembershipDiff.Changed(recorded, listing);
            if (changed.Count == 0)
            {
                return 0;
            }

            await using (var delete = new NpgsqlCommand("DELETE FROM memberships WHERE listing_uri = @l", connection, transaction))
            {
                delete.Parameters.AddWithValue("l", listing.ListingUri);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var replace = new NpgsqlCommand("""
                INSERT INTO memberships (listing_uri, member_uri, collection_uri, source_key)
                SELECT @l, m, @c, @s FROM unnest(@members) AS m
                """, connection, transaction))
            {
                replace.Parameters.AddWithValue("l", listing.ListingUri);
                replace.Parameters.AddWithValue("c", listing.CollectionUri);
                replace.Parameters.AddWithValue("s", listing.SourceKey);
                replace.Parameters.AddWithValue("members", listing.Members.Distinct(StringComparer.Ordinal).ToArray());
                await replace.ExecuteNonQueryAsync(cancellationToken);
            }

            return await LogMembershipChangesAsync(connection, transaction, changed, cancellationToken);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<CollectionMembership>> GetCollectionsOfAsync(string uri, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<IReadOnlyList<CollectionMembership>>(async connection =>
        {
            await using var command = new NpgsqlCommand($"""
                WITH RECURSIVE up(uri, depth) AS (
                    SELECT @p::text, 0
                    UNION
                    SELECT m.collection_uri, up.depth + 1 FROM memberships m
                    JOIN up ON m.member_uri = up.uri
                    JOIN documents d ON d.uri = m.collection_uri AND NOT d.deleted
                    WHERE up.depth < {MembershipDiff.MaxDepth})
                SELECT uri, MIN(depth) AS nearest FROM up WHERE uri <> @p GROUP BY uri ORDER BY nearest, uri
                """, connection);
            command.Parameters.AddWithValue("p", uri);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<CollectionMembership>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new CollectionMembership(reader.GetString(0), reader.GetInt32(1)));
            }

            return list;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ChangeRecord>> GetChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<IReadOnlyList<ChangeRecord>>(async connection =>
        {
            await using var command = new NpgsqlCommand(
                "SELECT sequence, uri, source_key, kind, type, at FROM changes WHERE sequence > @after ORDER BY sequence LIMIT @limit", connection);
            command.Parameters.AddWithValue("after", afterSequence);
            command.Parameters.AddWithValue("limit", (long)limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<ChangeRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new ChangeRecord(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                    (DocumentKind)reader.GetInt16(3), (ChangeType)reader.GetInt16(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }

            return list;
        }, cancellationToken);
    }

    public async Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        // The counter, not MAX(sequence) of the log: it is what the last committed change was numbered.
        return await _database.ReadAsync<long>(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT last FROM change_counter WHERE id = 1", connection);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);
    }

    public async IAsyncEnumerable<StoredDocumentInfo> ListAsync(
        string sourceKey, DocumentKind? kind, bool includeDeleted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Paged by id so a long listing holds no connection or snapshot open while the caller writes.
        long after = 0;
        while (true)
        {
            var from = after;
            var page = await _database.ReadAsync(async connection =>
            {
                await using var command = new NpgsqlCommand($"""
                    SELECT {InfoColumns}, id FROM documents
                    WHERE source_key = @source AND id > @after
                      AND (@kind::smallint IS NULL OR kind = @kind::smallint) AND (@all OR NOT deleted)
                    ORDER BY id LIMIT 1000
                    """, connection);
                command.Parameters.AddWithValue("source", sourceKey);
                command.Parameters.AddWithValue("after", from);
                command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Smallint) { Value = kind is null ? DBNull.Value : (short)kind.Value });
                command.Parameters.AddWithValue("all", includeDeleted);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var rows = new List<(long Id, StoredDocumentInfo Info)>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add((reader.GetInt64(13), ReadInfo(reader)));
                }

                return rows;
            }, cancellationToken);

            foreach (var (id, info) in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                after = id;
                yield return info;
            }

            if (page.Count < 1000)
            {
                yield break;
            }
        }
    }

    public async Task<string?> GetCheckpointAsync(string sourceKey, string name, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<string?>(async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT value FROM checkpoints WHERE source_key = @s AND name = @n", connection);
            command.Parameters.AddWithValue("s", sourceKey);
            command.Parameters.AddWithValue("n", name);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }, cancellationToken);
    }

    public Task SetCheckpointAsync(string sourceKey, string name, string value, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO checkpoints (source_key, name, value) VALUES (@s, @n, @v)
                ON CONFLICT (source_key, name) DO UPDATE SET value = excluded.value
                """, connection, transaction);
            command.Parameters.AddWithValue("s", sourceKey);
            command.Parameters.AddWithValue("n", name);
            command.Parameters.AddWithValue("v", value);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public Task<SourceLease> AcquireLeaseAsync(string sourceKey, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            // INSERT ... ON CONFLICT DO UPDATE ... WHERE is atomic: the row is taken over only when it is ours
            // already or has lapsed, so two nodes asking at once cannot both get it.
            var now = _time.GetUtcNow();
            await using (var take = new NpgsqlCommand("""
                INSERT INTO source_leases (source_key, owner, acquired_at, expires_at) VALUES (@s, @o, @now, @exp)
                ON CONFLICT (source_key) DO UPDATE SET
                    acquired_at = CASE WHEN source_leases.owner = excluded.owner THEN source_leases.acquired_at ELSE excluded.acquired_at END,
                    owner = excluded.owner, expires_at = excluded.expires_at
                WHERE source_leases.owner = excluded.owner OR source_leases.expires_at <= excluded.acquired_at
                """, connection, transaction))
            {
                take.Parameters.AddWithValue("s", sourceKey);
                take.Parameters.AddWithValue("o", owner);
                take.Parameters.Add(Time("now", now));
                take.Parameters.Add(Time("exp", now + duration));
                await take.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var read = new NpgsqlCommand("SELECT owner, acquired_at, expires_at FROM source_leases WHERE source_key = @s", connection, transaction);
            read.Parameters.AddWithValue("s", sourceKey);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new SourceLease
            {
                SourceKey = sourceKey,
                Owner = reader.GetString(0),
                AcquiredAt = reader.GetFieldValue<DateTimeOffset>(1),
                ExpiresAt = reader.GetFieldValue<DateTimeOffset>(2),
            };
        }, cancellationToken);

    public Task ReleaseLeaseAsync(string sourceKey, string owner, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM source_leases WHERE source_key = @s AND owner = @o", connection, transaction);
            command.Parameters.AddWithValue("s", sourceKey);
            command.Parameters.AddWithValue("o", owner);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    public async Task<IReadOnlyList<DocumentFailure>> GetFailuresAsync(string sourceKey, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<IReadOnlyList<DocumentFailure>>(async connection =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT uri, kind, reason, attempts, first_failed_at, last_failed_at, next_attempt_at
                FROM document_failures WHERE source_key = @s ORDER BY next_attempt_at, uri COLLATE "C"
                """, connection);
            command.Parameters.AddWithValue("s", sourceKey);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var list = new List<DocumentFailure>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(new DocumentFailure
                {
                    SourceKey = sourceKey,
                    Uri = reader.GetString(0),
                    Kind = (DocumentKind)reader.GetInt16(1),
                    Reason = reader.GetString(2),
                    Attempts = reader.GetInt32(3),
                    FirstFailedAt = reader.GetFieldValue<DateTimeOffset>(4),
                    LastFailedAt = reader.GetFieldValue<DateTimeOffset>(5),
                    NextAttemptAt = reader.GetFieldValue<DateTimeOffset>(6),
                });
            }

            return list;
        }, cancellationToken);
    }

    public Task PutFailureAsync(DocumentFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("""
                INSERT INTO document_failures (source_key, uri, kind, reason, attempts, first_failed_at, last_failed_at, next_attempt_at)
                VALUES (@s, @u, @k, @r, @a, @first, @last, @next)
                ON CONFLICT (source_key, uri) DO UPDATE SET kind = excluded.kind, reason = excluded.reason, attempts = excluded.attempts,
                    first_failed_at = excluded.first_failed_at, last_failed_at = excluded.last_failed_at, next_attempt_at = excluded.next_attempt_at
                """, connection, transaction);
            command.Parameters.AddWithValue("s", failure.SourceKey);
            command.Parameters.AddWithValue("u", failure.Uri);
            command.Parameters.AddWithValue("k", (short)failure.Kind);
            command.Parameters.AddWithValue("r", failure.Reason);
            command.Parameters.AddWithValue("a", failure.Attempts);
            command.Parameters.Add(Time("first", failure.FirstFailedAt));
            command.Parameters.Add(Time("last", failure.LastFailedAt));
            command.Parameters.Add(Time("next", failure.NextAttemptAt));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    public Task RemoveFailureAsync(string sourceKey, string uri, CancellationToken cancellationToken) =>
        _database.WriteAsync(async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand("DELETE FROM document_failures WHERE source_key = @s AND uri = @u", connection, transaction);
            command.Parameters.AddWithValue("s", sourceKey);
            command.Parameters.AddWithValue("u", uri);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private static async Task<(string Source, DocumentKind Kind)?> FindLiveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string uri, CancellationToken cancellationToken)
    {
        await using var select = new NpgsqlCommand("SELECT source_key, kind FROM documents WHERE uri = @uri AND NOT deleted FOR UPDATE", connection, transaction);
        select.Parameters.AddWithValue("uri", uri);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), (DocumentKind)reader.GetInt16(1)) : null;
    }

    /// <summary>
    /// Logs a change for every live manifest and collection among <paramref name="roots"/> and under them (their
    /// collections changed); returns how many. The counter is locked first and the documents read after: a document
    /// written meanwhile either committed before (and is read here) or numbers its own change after this commit (and
    /// whoever applies that change reads this membership). No document row is locked after the counter, so this
    /// never deadlocks with a document write (document rows first, the counter last).
    /// </summary>
    private async Task<int> LogMembershipChangesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyCollection<string> roots, CancellationToken cancellationToken)
    {
        await using (var lockCounter = new NpgsqlCommand("SELECT last FROM change_counter WHERE id = 1 FOR UPDATE", connection, transaction))
        {
            await lockCounter.ExecuteScalarAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand("""
            WITH RECURSIVE down(uri) AS (
                SELECT unnest(@roots::text[])
                UNION
                SELECT m.member_uri FROM memberships m JOIN down ON m.collection_uri = down.uri),
            a AS (SELECT d.uri, d.source_key, d.kind, row_number() OVER (ORDER BY d.uri) AS n
                  FROM down JOIN documents d ON d.uri = down.uri
                  WHERE NOT d.deleted AND d.kind IN (@manifest, @collection)),
            s AS (UPDATE change_counter SET last = last + (SELECT count(*) FROM a) WHERE id = 1
                  RETURNING last - (SELECT count(*) FROM a) AS base)
            INSERT INTO changes (sequence, uri, source_key, kind, type, at)
            SELECT s.base + a.n, a.uri, a.source_key, a.kind, @type, @at FROM a, s
            """, connection, transaction);
        command.Parameters.AddWithValue("roots", roots.ToArray());
        command.Parameters.AddWithValue("manifest", (short)DocumentKind.Manifest);
        command.Parameters.AddWithValue("collection", (short)DocumentKind.Collection);
        command.Parameters.AddWithValue("type", (short)ChangeType.Upserted);
        command.Parameters.Add(Time("at", _time.GetUtcNow()));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<long> AppendChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string uri, string source, DocumentKind kind, ChangeType type,
        string[] stamp, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(AppendChangeSql, connection, transaction);
        command.Parameters.AddWithValue("uri", uri);
        command.Parameters.AddWithValue("source", source);
        command.Parameters.AddWithValue("kind", (short)kind);
        command.Parameters.AddWithValue("type", (short)type);
        command.Parameters.Add(Time("at", _time.GetUtcNow()));
        command.Parameters.AddWithValue("stamp", stamp);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private async Task<StoredDocument?> QuerySingleAsync(string sql, string parameter, bool withBody, CancellationToken cancellationToken)
    {
        return await _database.ReadAsync<StoredDocument?>(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("p", parameter);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var info = ReadInfo(reader);
            return new StoredDocument(info, withBody ? reader.GetFieldValue<byte[]>(13) : ReadOnlyMemory<byte>.Empty);
        }, cancellationToken);
    }

    private static StoredDocumentInfo ReadInfo(NpgsqlDataReader reader) => new()
    {
        Uri = reader.GetString(0),
        Key = reader.GetString(1),
        SourceKey = reader.GetString(2),
        Kind = (DocumentKind)reader.GetInt16(3),
        ContentHash = reader.GetString(4),
        Length = reader.GetInt64(5),
        ContentType = reader.IsDBNull(6) ? null : reader.GetString(6),
        ETag = reader.IsDBNull(7) ? null : reader.GetString(7),
        LastModified = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
        FetchedAt = reader.GetFieldValue<DateTimeOffset>(9),
        IsDeleted = reader.GetBoolean(10),
        OwnerUri = reader.IsDBNull(11) ? null : reader.GetString(11),
        Sequence = reader.GetInt64(12),
    };

    private static NpgsqlParameter Text(string name, string? value) =>
        new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    private static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is null ? DBNull.Value : value.Value.ToUniversalTime() };
}
