using System.Globalization;
using System.Runtime.CompilerServices;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using IiifHarvester.Storage.Leases;
using Microsoft.Data.Sqlite;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>
/// The document store on SQLite. Every write is one transaction that updates the document and appends its change,
/// so the change log and the documents never disagree, whatever moment the process dies at.
/// </summary>
internal sealed class SqliteDocumentStore : IDocumentStore
{
    private const string InfoColumns =
        "uri, key, source_key, kind, content_hash, length, content_type, etag, last_modified, fetched_at, deleted, owner_uri, sequence";

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteDocumentStore(SqliteDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public Task<StoredDocumentInfo?> GetInfoAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle($"SELECT {InfoColumns} FROM documents WHERE uri = $p", uri, withBody: false)?.Info);

    public Task<StoredDocument?> GetAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle($"SELECT {InfoColumns}, body FROM documents WHERE uri = $p", uri, withBody: true));

    public Task<StoredDocument?> GetByKeyAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle($"SELECT {InfoColumns}, body FROM documents WHERE key = $p", key, withBody: true));

    public Task<WriteResult> PutAsync(DocumentWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var hash = ContentHash.Of(write.Body.Span);
        return _database.WriteAsync((connection, transaction) =>
        {
            string? oldHash = null;
            var wasDeleted = false;
            string? oldOwner = null;
            {
                var select = Statement(transaction, "SELECT content_hash, deleted, owner_uri FROM documents WHERE uri = $uri");
                select.Parameters.AddWithValue("$uri", write.Uri);
                using var reader = select.ExecuteReader();
                if (reader.Read())
                {
                    oldHash = reader.GetString(0);
                    wasDeleted = reader.GetInt64(1) != 0;
                    oldOwner = reader.IsDBNull(2) ? null : reader.GetString(2);
                }
            }

            var outcome = oldHash is null || wasDeleted ? WriteOutcome.Added
                : oldHash == hash && oldOwner == write.OwnerUri ? WriteOutcome.Unchanged
                : WriteOutcome.Updated;

            var isRoot = write.Kind is DocumentKind.Manifest or DocumentKind.Collection;
            if (outcome == WriteOutcome.Unchanged)
            {
                var touch = Statement(transaction,
                    "UPDATE documents SET etag = $etag, last_modified = $lm, fetched_at = $fetched, content_type = $ct WHERE uri = $uri");
                touch.Parameters.AddWithValue("$uri", write.Uri);
                touch.Parameters.AddWithValue("$etag", (object?)write.ETag ?? DBNull.Value);
                touch.Parameters.AddWithValue("$lm", Format(write.LastModified));
                touch.Parameters.AddWithValue("$fetched", Format(write.FetchedAt));
                touch.Parameters.AddWithValue("$ct", (object?)write.ContentType ?? DBNull.Value);
                touch.ExecuteNonQuery();
                if (isRoot && write.ForceChange)
                {
                    var forced = AppendChange(transaction, write.Uri, write.SourceKey, write.Kind, ChangeType.Upserted);
                    SetSequence(transaction, write.Uri, forced);
                    return new WriteResult(WriteOutcome.Unchanged, forced);
                }

                return new WriteResult(WriteOutcome.Unchanged, null);
            }

            // Only roots log changes; an owned document is covered by its manifest's change, written after it.
            var changedUri = isRoot ? write.Uri : null;
            long sequence = 0;
            if (changedUri is not null)
            {
                sequence = AppendChange(transaction, changedUri, write.SourceKey, write.Kind, ChangeType.Upserted);
            }

            var upsert = Statement(transaction, """
                INSERT INTO documents (uri, key, source_key, kind, body, content_hash, length, content_type, etag, last_modified, fetched_at, deleted, owner_uri, sequence)
                VALUES ($uri, $key, $source, $kind, $body, $hash, $length, $ct, $etag, $lm, $fetched, 0, $owner, $seq)
                ON CONFLICT (uri) DO UPDATE SET source_key = $source, kind = $kind, body = $body, content_hash = $hash,
                    length = $length, content_type = $ct, etag = $etag, last_modified = $lm, fetched_at = $fetched,
                    deleted = 0, owner_uri = $owner, sequence = $seq
                """);
            upsert.Parameters.AddWithValue("$uri", write.Uri);
            upsert.Parameters.AddWithValue("$key", ResourceKey.For(write.Uri));
            upsert.Parameters.AddWithValue("$source", write.SourceKey);
            upsert.Parameters.AddWithValue("$kind", (int)write.Kind);
            upsert.Parameters.Add("$body", SqliteType.Blob).Value = write.Body.ToArray();
            upsert.Parameters.AddWithValue("$hash", hash);
            upsert.Parameters.AddWithValue("$length", write.Body.Length);
            upsert.Parameters.AddWithValue("$ct", (object?)write.ContentType ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$etag", (object?)write.ETag ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$lm", Format(write.LastModified));
            upsert.Parameters.AddWithValue("$fetched", Format(write.FetchedAt));
            upsert.Parameters.AddWithValue("$owner", (object?)write.OwnerUri ?? DBNull.Value);
            upsert.Parameters.AddWithValue("$seq", sequence);
            upsert.ExecuteNonQuery();
            return new WriteResult(outcome, changedUri is null ? null : sequence);
        }, cancellationToken);
    }

    public Task MarkRevalidatedAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var command = Statement(transaction, "UPDATE documents SET fetched_at = $at WHERE uri = $uri");
            command.Parameters.AddWithValue("$uri", uri);
            command.Parameters.AddWithValue("$at", Format(at));
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<long?> DeleteAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.WriteAsync<long?>((connection, transaction) =>
        {
            if (FindLive(transaction, uri) is not { } live)
            {
                return null;
            }

            var (source, kind) = live;

            var sequence = AppendChange(transaction, uri, source, kind, ChangeType.Deleted);
            var update = Statement(transaction,
                "UPDATE documents SET deleted = 1, sequence = $seq WHERE uri = $uri OR owner_uri = $uri");
            update.Parameters.AddWithValue("$uri", uri);
            update.Parameters.AddWithValue("$seq", sequence);
            update.ExecuteNonQuery();
            if (kind == DocumentKind.Collection)
            {
                LogMembershipChanges(transaction, [uri]);
            }

            return sequence;
        }, cancellationToken);

    public Task<int> ReleaseOwnedAsync(string ownerUri, IReadOnlyCollection<string> keep, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var stale = new List<(string Uri, string Source)>();
            {
                var select = Statement(transaction, "SELECT uri, source_key FROM documents WHERE owner_uri = $owner AND deleted = 0");
                select.Parameters.AddWithValue("$owner", ownerUri);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    if (!keep.Contains(reader.GetString(0)))
                    {
                        stale.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }
            }

            if (stale.Count == 0)
            {
                return 0;
            }

            var sequence = AppendChange(transaction, ownerUri, stale[0].Source, DocumentKind.Manifest, ChangeType.Upserted);
            foreach (var (uri, _) in stale)
            {
                var update = Statement(transaction, "UPDATE documents SET deleted = 1, sequence = $seq WHERE uri = $uri");
                update.Parameters.AddWithValue("$uri", uri);
                update.Parameters.AddWithValue("$seq", sequence);
                update.ExecuteNonQuery();
            }

            return stale.Count;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredDocumentInfo>> GetOwnedAsync(string ownerUri, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read<IReadOnlyList<StoredDocumentInfo>>(session =>
        {
            var command = session.Statement($"SELECT {InfoColumns} FROM documents WHERE owner_uri = $p AND deleted = 0 ORDER BY rowid");
            command.Parameters.AddWithValue("$p", ownerUri);
            using var reader = command.ExecuteReader();
            var list = new List<StoredDocumentInfo>();
            while (reader.Read())
            {
                list.Add(ReadInfo(reader));
            }

            return list;
        }));

    public Task<IReadOnlyList<StoredDocument>> GetOwnedDocumentsAsync(string ownerUri, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read<IReadOnlyList<StoredDocument>>(session =>
        {
            var command = session.Statement($"SELECT {InfoColumns}, body FROM documents WHERE owner_uri = $p AND deleted = 0 ORDER BY rowid");
            command.Parameters.AddWithValue("$p", ownerUri);
            using var reader = command.ExecuteReader();
            var list = new List<StoredDocument>();
            while (reader.Read())
            {
                list.Add(new StoredDocument(ReadInfo(reader), (byte[])reader.GetValue(13)));
            }

            return list;
        }));

    public Task<long?> RecordChangeAsync(string uri, CancellationToken cancellationToken) =>
        _database.WriteAsync<long?>((connection, transaction) =>
        {
            if (FindLive(transaction, uri) is not { } live)
            {
                return null;
            }

            var (source, kind) = live;

            var sequence = AppendChange(transaction, uri, source, kind, ChangeType.Upserted);
            SetSequence(transaction, uri, sequence);
            return sequence;
        }, cancellationToken);

    public Task<int> SetMembersAsync(CollectionListing listing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return _database.WriteAsync((connection, transaction) =>
        {
            var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
            {
                var select = Statement(transaction, "SELECT member_uri, collection_uri FROM memberships WHERE listing_uri = $l");
                select.Parameters.AddWithValue("$l", listing.ListingUri);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    recorded[reader.GetString(0)] = reader.GetString(1);
                }
            }

            var changed = MembershipDiff.Changed(recorded, listing);
            if (changed.Count == 0)
            {
                return 0;
            }

            var delete = Statement(transaction, "DELETE FROM memberships WHERE listing_uri = $l");
            delete.Parameters.AddWithValue("$l", listing.ListingUri);
            delete.ExecuteNonQuery();
            foreach (var member in listing.Members.Distinct(StringComparer.Ordinal))
            {
                var insert = Statement(transaction,
                    "INSERT INTO memberships (listing_uri, member_uri, collection_uri, source_key) VALUES ($l, $m, $c, $s)");
                insert.Parameters.AddWithValue("$l", listing.ListingUri);
                insert.Parameters.AddWithValue("$m", member);
                insert.Parameters.AddWithValue("$c", listing.CollectionUri);
                insert.Parameters.AddWithValue("$s", listing.SourceKey);
                insert.ExecuteNonQuery();
            }

            return LogMembershipChanges(transaction, changed);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<CollectionMembership>> GetCollectionsOfAsync(string uri, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read<IReadOnlyList<CollectionMembership>>(session =>
        {
            var command = session.Statement($"""
                WITH RECURSIVE up(uri, depth) AS (
                    SELECT $p, 0
                    UNION
                    SELECT m.collection_uri, up.depth + 1 FROM memberships m
                    JOIN up ON m.member_uri = up.uri
                    JOIN documents d ON d.uri = m.collection_uri AND d.deleted = 0
                    WHERE up.depth < {MembershipDiff.MaxDepth})
                SELECT uri, MIN(depth) AS nearest FROM up WHERE uri <> $p GROUP BY uri ORDER BY nearest, uri
                """);
            command.Parameters.AddWithValue("$p", uri);
            using var reader = command.ExecuteReader();
            var list = new List<CollectionMembership>();
            while (reader.Read())
            {
                list.Add(new CollectionMembership(reader.GetString(0), reader.GetInt32(1)));
            }

            return list;
        }));

    public Task<IReadOnlyList<ChangeRecord>> GetChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, uri, source_key, kind, type, at FROM changes WHERE sequence > $after ORDER BY sequence LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterSequence);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var list = new List<ChangeRecord>();
        while (reader.Read())
        {
            list.Add(new ChangeRecord(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2),
                (DocumentKind)reader.GetInt32(3), (ChangeType)reader.GetInt32(4), Parse(reader.GetString(5))));
        }

        return Task.FromResult<IReadOnlyList<ChangeRecord>>(list);
    }

    public Task<long> GetLastSequenceAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(sequence), 0) FROM changes";
        return Task.FromResult(Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public async IAsyncEnumerable<StoredDocumentInfo> ListAsync(
        string sourceKey, DocumentKind? kind, bool includeDeleted, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Paged by rowid so a long listing holds no read transaction open while the caller writes.
        long after = 0;
        while (true)
        {
            var page = new List<(long RowId, StoredDocumentInfo Info)>();
            using (var connection = _database.Open())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = $"""
                    SELECT {InfoColumns}, rowid FROM documents
                    WHERE source_key = $source AND rowid > $after
                      AND ($kind IS NULL OR kind = $kind) AND ($all = 1 OR deleted = 0)
                    ORDER BY rowid LIMIT 1000
                    """;
                command.Parameters.AddWithValue("$source", sourceKey);
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$kind", kind is null ? DBNull.Value : (int)kind.Value);
                command.Parameters.AddWithValue("$all", includeDeleted ? 1 : 0);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    page.Add((reader.GetInt64(13), ReadInfo(reader)));
                }
            }

            foreach (var (rowId, info) in page)
            {
                cancellationToken.ThrowIfCancellationRequested();
                after = rowId;
                yield return info;
            }

            if (page.Count < 1000)
            {
                yield break;
            }

            await Task.Yield();
        }
    }

    public Task<string?> GetCheckpointAsync(string sourceKey, string name, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM checkpoints WHERE source_key = $s AND name = $n";
        command.Parameters.AddWithValue("$s", sourceKey);
        command.Parameters.AddWithValue("$n", name);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task SetCheckpointAsync(string sourceKey, string name, string value, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var command = Statement(transaction, """
                INSERT INTO checkpoints (source_key, name, value) VALUES ($s, $n, $v)
                ON CONFLICT (source_key, name) DO UPDATE SET value = $v
                """);
            command.Parameters.AddWithValue("$s", sourceKey);
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$v", value);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<SourceLease> AcquireLeaseAsync(string sourceKey, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            // One statement decides, inside the one write transaction: the row is taken over only when it is ours
            // already or has lapsed, so two processes (or nodes) asking at once cannot both get it.
            var now = _time.GetUtcNow();
            var take = Statement(transaction, """
                INSERT INTO source_leases (source_key, owner, acquired_at, expires_at) VALUES ($s, $o, $now, $exp)
                ON CONFLICT (source_key) DO UPDATE SET
                    acquired_at = CASE WHEN owner = $o THEN acquired_at ELSE $now END, owner = $o, expires_at = $exp
                WHERE owner = $o OR expires_at <= $now
                """);
            take.Parameters.AddWithValue("$s", sourceKey);
            take.Parameters.AddWithValue("$o", owner);
            take.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            take.Parameters.AddWithValue("$exp", (now + duration).ToUnixTimeMilliseconds());
            take.ExecuteNonQuery();

            var read = Statement(transaction, "SELECT owner, acquired_at, expires_at FROM source_leases WHERE source_key = $s");
            read.Parameters.AddWithValue("$s", sourceKey);
            using var reader = read.ExecuteReader();
            reader.Read();
            return new SourceLease
            {
                SourceKey = sourceKey,
                Owner = reader.GetString(0),
                AcquiredAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
            };
        }, cancellationToken);

    public Task ReleaseLeaseAsync(string sourceKey, string owner, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var command = Statement(transaction, "DELETE FROM source_leases WHERE source_key = $s AND owner = $o");
            command.Parameters.AddWithValue("$s", sourceKey);
            command.Parameters.AddWithValue("$o", owner);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<DocumentFailure>> GetFailuresAsync(string sourceKey, CancellationToken cancellationToken) =>
        Task.FromResult(_database.Read<IReadOnlyList<DocumentFailure>>(session =>
        {
            var command = session.Statement("""
                SELECT uri, kind, reason, attempts, first_failed_at, last_failed_at, next_attempt_at
                FROM document_failures WHERE source_key = $s ORDER BY next_attempt_at, uri
                """);
            command.Parameters.AddWithValue("$s", sourceKey);
            using var reader = command.ExecuteReader();
            var list = new List<DocumentFailure>();
            while (reader.Read())
            {
                list.Add(new DocumentFailure
                {
                    SourceKey = sourceKey,
                    Uri = reader.GetString(0),
                    Kind = (DocumentKind)reader.GetInt32(1),
                    Reason = reader.GetString(2),
                    Attempts = reader.GetInt32(3),
                    FirstFailedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
                    LastFailedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    NextAttemptAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                });
            }

            return list;
        }));

    public Task PutFailureAsync(DocumentFailure failure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return _database.WriteAsync((connection, transaction) =>
        {
            var command = Statement(transaction, """
                INSERT INTO document_failures (source_key, uri, kind, reason, attempts, first_failed_at, last_failed_at, next_attempt_at)
                VALUES ($s, $u, $k, $r, $a, $first, $last, $next)
                ON CONFLICT (source_key, uri) DO UPDATE SET kind = $k, reason = $r, attempts = $a,
                    first_failed_at = $first, last_failed_at = $last, next_attempt_at = $next
                """);
            command.Parameters.AddWithValue("$s", failure.SourceKey);
            command.Parameters.AddWithValue("$u", failure.Uri);
            command.Parameters.AddWithValue("$k", (int)failure.Kind);
            command.Parameters.AddWithValue("$r", failure.Reason);
            command.Parameters.AddWithValue("$a", failure.Attempts);
            command.Parameters.AddWithValue("$first", failure.FirstFailedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$last", failure.LastFailedAt.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$next", failure.NextAttemptAt.ToUnixTimeMilliseconds());
            return command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task RemoveFailureAsync(string sourceKey, string uri, CancellationToken cancellationToken) =>
        _database.WriteAsync((connection, transaction) =>
        {
            var command = Statement(transaction, "DELETE FROM document_failures WHERE source_key = $s AND uri = $u");
            command.Parameters.AddWithValue("$s", sourceKey);
            command.Parameters.AddWithValue("$u", uri);
            return command.ExecuteNonQuery();
        }, cancellationToken);

    private (string Source, DocumentKind Kind)? FindLive(SqliteTransaction transaction, string uri)
    {
        var select = Statement(transaction, "SELECT source_key, kind FROM documents WHERE uri = $uri AND deleted = 0");
        select.Parameters.AddWithValue("$uri", uri);
        using var reader = select.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), (DocumentKind)reader.GetInt32(1)) : null;
    }

    /// <summary>
    /// Logs a change for every live manifest and collection among <paramref name="roots"/> and under them (their
    /// collections changed), in one statement; returns how many.
    /// </summary>
    private int LogMembershipChanges(SqliteTransaction transaction, IReadOnlyCollection<string> roots)
    {
        var command = Statement(transaction, """
            WITH RECURSIVE down(uri) AS (
                SELECT value FROM json_each($roots)
                UNION
                SELECT m.member_uri FROM memberships m JOIN down ON m.collection_uri = down.uri)
            INSERT INTO changes (uri, source_key, kind, type, at)
            SELECT d.uri, d.source_key, d.kind, $type, $at FROM down JOIN documents d ON d.uri = down.uri
            WHERE d.deleted = 0 AND d.kind IN ($manifest, $collection)
            ORDER BY d.uri
            """);
        command.Parameters.AddWithValue("$roots", MembershipDiff.ToJsonArray(roots));
        command.Parameters.AddWithValue("$type", (int)ChangeType.Upserted);
        command.Parameters.AddWithValue("$at", Format(_time.GetUtcNow()));
        command.Parameters.AddWithValue("$manifest", (int)DocumentKind.Manifest);
        command.Parameters.AddWithValue("$collection", (int)DocumentKind.Collection);
        return command.ExecuteNonQuery();
    }

    private void SetSequence(SqliteTransaction transaction, string uri, long sequence)
    {
        var command = Statement(transaction, "UPDATE documents SET sequence = $seq WHERE uri = $uri");
        command.Parameters.AddWithValue("$uri", uri);
        command.Parameters.AddWithValue("$seq", sequence);
        command.ExecuteNonQuery();
    }

    private long AppendChange(SqliteTransaction transaction, string uri, string source, DocumentKind kind, ChangeType type)
    {
        var command = Statement(transaction,
            "INSERT INTO changes (uri, source_key, kind, type, at) VALUES ($uri, $source, $kind, $type, $at) RETURNING sequence");
        command.Parameters.AddWithValue("$uri", uri);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$kind", (int)kind);
        command.Parameters.AddWithValue("$type", (int)type);
        command.Parameters.AddWithValue("$at", Format(_time.GetUtcNow()));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private StoredDocument? QuerySingle(string sql, string parameter, bool withBody) =>
        _database.Read(session =>
        {
            var command = session.Statement(sql);
            command.Parameters.AddWithValue("$p", parameter);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var info = ReadInfo(reader);
            return new StoredDocument(info, withBody ? (byte[])reader.GetValue(13) : ReadOnlyMemory<byte>.Empty);
        });

    private static StoredDocumentInfo ReadInfo(SqliteDataReader reader) => new()
    {
        Uri = reader.GetString(0),
        Key = reader.GetString(1),
        SourceKey = reader.GetString(2),
        Kind = (DocumentKind)reader.GetInt32(3),
        ContentHash = reader.GetString(4),
        Length = reader.GetInt64(5),
        ContentType = reader.IsDBNull(6) ? null : reader.GetString(6),
        ETag = reader.IsDBNull(7) ? null : reader.GetString(7),
        LastModified = reader.IsDBNull(8) ? null : Parse(reader.GetString(8)),
        FetchedAt = Parse(reader.GetString(9)),
        IsDeleted = reader.GetInt64(10) != 0,
        OwnerUri = reader.IsDBNull(11) ? null : reader.GetString(11),
        Sequence = reader.GetInt64(12),
    };

    private SqliteCommand Statement(SqliteTransaction transaction, string sql) => _database.Statement(transaction, sql);

    private static object Format(DateTimeOffset? value) =>
        value is null ? DBNull.Value : value.Value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
