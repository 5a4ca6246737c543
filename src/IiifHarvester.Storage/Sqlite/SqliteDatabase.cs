using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>
/// The SQLite file behind the store: opens connections in WAL mode, creates the schema, and serialises writers
/// (SQLite has one writer at a time; queueing here is cheaper than SQLITE_BUSY retries, and grouping queued
/// writes into one transaction makes many small writes cost one commit).
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly ISqliteCommitFilter? _commitFilter;
    private const int MaxGroup = 256;

    // SQLITE_READONLY: the file (or its directory) cannot be written.
    private const int ReadOnly = 8;

    private readonly Channel<IWriteItem> _queue = Channel.CreateUnbounded<IWriteItem>(new UnboundedChannelOptions { SingleReader = true });

    // The one writer connection with its prepared statements, used only on the writer loop's thread: each write binds
    // and steps instead of parsing and planning its SQL again.
    private PreparedConnection? _writer;

    // Idle reader connections with their prepared statements, for the point reads the harvest and the index make
    // thousands of times a second (a pooled connection forgets its statements; these keep them).
    private readonly ConcurrentBag<PreparedConnection> _readers = [];
    private readonly int _maxIdleReaders = Math.Max(4, Environment.ProcessorCount * 4);
    private bool _disposed;
    private readonly Task _loop;

    // Where the groups of a harvest's writes run (Linux; null elsewhere or where SCHED_IDLE is refused).
    private readonly IdleWriterThread? _idleWriter;

    public SqliteDatabase(StorageOptions options, ISqliteCommitFilter? commitFilter = null)
    {
        _path = options.DatabasePath;
        _commitFilter = commitFilter;
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database until the command timeout, where 0 means forever: a
            // timeout under a second rounds up, never down to "wait forever".
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        BusyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        Initialise();
        _idleWriter = IdleWriterThread.TryStart();
        _loop = Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private int BusyTimeoutMs { get; }

    /// <summary>Opens a pooled connection for reading (WAL readers never block the writer, nor it them).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction on the one writer connection. Writes that queue up while
    /// another commits are grouped into one transaction (group commit), each inside its own savepoint so one that
    /// throws is rolled back alone; every caller's task completes only once the transaction holding its write has
    /// committed, so a completed write is a durable write.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var item = new WriteItem<T>(work, background: _idleWriter is not null && IdleWriterThread.CallerIsIdle(), cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    /// <summary>
    /// A prepared command on the writer connection for use inside a <see cref="WriteAsync{T}"/> work item: its
    /// parameters are cleared and it is enlisted in <paramref name="transaction"/>. The database owns it; callers
    /// must not dispose it (readers it opens are theirs to dispose).
    /// </summary>
    public SqliteCommand Statement(SqliteTransaction transaction, string sql)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (_writer is null || transaction.Connection != _writer.Connection)
        {
            throw new InvalidOperationException("Statements are for writes on the writer connection only.");
        }

        var command = _writer.Statement(sql);
        command.Transaction = transaction;
        return command;
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a reader connection that keeps its prepared statements between uses. The
    /// statements it hands out are the connection's: callers dispose the readers they open, never the commands.
    /// </summary>
    public T Read<T>(Func<PreparedConnection, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_readers.TryTake(out var session))
        {
            session = new PreparedConnection(Open());
        }

        T result;
        try
        {
            result = read(session);
        }
        catch
        {
            // Whatever went wrong may have left the connection unusable: it is not kept.
            session.Dispose();
            throw;
        }

        if (_disposed || _readers.Count >= _maxIdleReaders)
        {
            session.Dispose();
        }
        else
        {
            _readers.Add(session);
        }

        return result;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_readers.TryTake(out var session))
        {
            session.Dispose();
        }

        _queue.Writer.TryComplete();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        finally
        {
            _writer?.Dispose();
            _idleWriter?.Dispose();
        }
    }

    private void WriterLoop()
    {
        var batch = new List<IWriteItem>(MaxGroup);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxGroup && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            if (_idleWriter is not null && batch.TrueForAll(item => item.Background))
            {
                _idleWriter.Run(() => WriteGroup(batch));
            }
            else
            {
                WriteGroup(batch);
            }
        }
    }

    // One transaction for the group: each write in its own savepoint, every caller completed once it committed.
    private void WriteGroup(List<IWriteItem> batch)
    {
        try
        {
            var connection = (_writer ??= new PreparedConnection(OpenWriter())).Connection;
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var item in batch)
            {
                item.Run(this, connection, transaction);
            }

            _commitFilter?.BeforeCommit(_path);
            transaction.Commit();
            foreach (var item in batch)
            {
                item.Complete();
            }

            // A write refused because the file is read-only fails alone inside its savepoint, and the (empty)
            // transaction commits: the connections opened read-only are closed here just the same.
            if (batch.Exists(item => item.Error is SqliteException { SqliteErrorCode: ReadOnly }))
            {
                CloseConnections();
            }
        }
        catch (Exception ex)
        {
            // The commit itself failed (disk full, I/O error, a read-only or locked file): none of the grouped
            // writes happened. No connection is kept: one opened on a read-only file stays read-only, and so does
            // the WAL index SQLite shares between this process's connections to the file until the last closes,
            // so the next write starts afresh and succeeds once the file can be written again.
            CloseConnections();
            foreach (var item in batch)
            {
                item.Fail(ex);
            }
        }
    }

    private void CloseConnections()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            SqliteConnection.ClearPool(writer.Connection);
            writer.Dispose();
        }

        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private SqliteConnection OpenWriter()
    {
        var connection = Open();
        using var command = connection.CreateCommand();

        // WAL with synchronous=NORMAL survives a process crash at any point (only a power cut may lose the last
        // transactions, and it never corrupts the file); set once, on the one connection that writes.
        command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMs};";
        command.ExecuteNonQuery();
        return connection;
    }

    private void Initialise()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS schema_info (version INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS documents (
                uri TEXT PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                source_key TEXT NOT NULL,
                kind INTEGER NOT NULL,
                body BLOB NOT NULL,
                content_hash TEXT NOT NULL,
                length INTEGER NOT NULL,
                content_type TEXT,
                etag TEXT,
                last_modified TEXT,
                fetched_at TEXT NOT NULL,
                deleted INTEGER NOT NULL DEFAULT 0,
                owner_uri TEXT,
                sequence INTEGER NOT NULL DEFAULT 0
            );
            CREATE INDEX IF NOT EXISTS ix_documents_source ON documents (source_key, kind);
            CREATE INDEX IF NOT EXISTS ix_documents_owner ON documents (owner_uri) WHERE owner_uri IS NOT NULL;
            CREATE TABLE IF NOT EXISTS changes (
                sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                uri TEXT NOT NULL,
                source_key TEXT NOT NULL,
                kind INTEGER NOT NULL,
                type INTEGER NOT NULL,
                at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS checkpoints (
                source_key TEXT NOT NULL,
                name TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (source_key, name)
            );
            CREATE TABLE IF NOT EXISTS image_services (
                key TEXT PRIMARY KEY,
                service_id TEXT NOT NULL,
                profile TEXT,
                source_key TEXT NOT NULL,
                manifest_uri TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_image_services_source ON image_services (source_key);
            CREATE TABLE IF NOT EXISTS cluster_nodes (
                name TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                seen_at INTEGER NOT NULL,
                indexed_sequence INTEGER NOT NULL,
                last_sequence INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS source_leases (
                source_key TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                acquired_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            );
            CREATE TABLE IF NOT EXISTS memberships (
                listing_uri TEXT NOT NULL,
                member_uri TEXT NOT NULL,
                collection_uri TEXT NOT NULL,
                source_key TEXT NOT NULL,
                PRIMARY KEY (listing_uri, member_uri)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS ix_memberships_member ON memberships (member_uri, collection_uri);
            CREATE INDEX IF NOT EXISTS ix_memberships_collection ON memberships (collection_uri, member_uri);
            CREATE TABLE IF NOT EXISTS document_failures (
                source_key TEXT NOT NULL,
                uri TEXT NOT NULL,
                kind INTEGER NOT NULL,
                reason TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                first_failed_at INTEGER NOT NULL,
                last_failed_at INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                PRIMARY KEY (source_key, uri)
            );
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COUNT(*) FROM schema_info";
        if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = $"INSERT INTO schema_info (version) VALUES ({SchemaVersion})";
            command.ExecuteNonQuery();
        }
    }
}

/// <summary>
/// A connection and its prepared statements by SQL text (a command kept keeps its prepared statement), used by one
/// caller at a time: the writer loop, or one read.
/// </summary>
internal sealed class PreparedConnection : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    public PreparedConnection(SqliteConnection connection) => Connection = connection;

    public SqliteConnection Connection { get; }

    /// <summary>The prepared command for <paramref name="sql"/>, its parameters cleared; this object owns it.</summary>
    public SqliteCommand Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var command))
        {
            command = Connection.CreateCommand();
            command.CommandText = sql;
            _statements.Add(sql, command);
        }

        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _statements.Values)
        {
            command.Dispose();
        }

        Connection.Dispose();
    }
}
