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
    private const int MaxGroup = 256;

    private readonly Channel<IWriteItem> _queue = Channel.CreateUnbounded<IWriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private SqliteConnection? _writer;
    private readonly Task _loop;

    public SqliteDatabase(StorageOptions options)
    {
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
            DefaultTimeout = (int)options.BusyTimeout.TotalSeconds,
        }.ToString();
        BusyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
        Initialise();
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
        var item = new WriteItem<T>(work, cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
        return item.Task;
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        finally
        {
            _writer?.Dispose();
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

            try
            {
                var connection = _writer ??= OpenWriter();
                using var transaction = connection.BeginTransaction(deferred: false);
                foreach (var item in batch)
                {
                    item.Run(connection, transaction);
                }

                transaction.Commit();
                foreach (var item in batch)
                {
                    item.Complete();
                }
            }
            catch (Exception ex)
            {
                // The commit itself failed (disk full, I/O error): none of the grouped writes happened.
                foreach (var item in batch)
                {
                    item.Fail(ex);
                }
            }
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
