using Microsoft.Data.Sqlite;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>
/// The SQLite file behind the store: opens connections in WAL mode, creates the schema, and serialises writers
/// (SQLite has one writer at a time; queueing here is cheaper than SQLITE_BUSY retries).
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private SqliteConnection? _writer;

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
    }

    private int BusyTimeoutMs { get; }

    /// <summary>Opens a pooled connection for reading (WAL readers never block the writer, nor it them).</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in a write transaction, one writer at a time, on the one writer connection.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = _writer ??= OpenWriter();
            using var transaction = connection.BeginTransaction(deferred: false);
            var result = work(connection, transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writeLock.Dispose();
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
