using Npgsql;

namespace IiifHarvester.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL database behind the store, shared by every node of a cluster: a pooled data source, and the schema
/// created and migrated on start. Several nodes may start at once: migrations run under a session advisory lock, so
/// one node migrates while the others wait and then find the schema current.
/// </summary>
internal sealed class PostgreSqlDatabase : IDisposable, IAsyncDisposable
{
    // pg_advisory_lock key of schema migrations ("IIIFHARV" as a 64-bit number); any fixed value works.
    private const long MigrationLockKey = 0x4949_4946_4841_5256;

    private readonly NpgsqlDataSource _dataSource;

    /// <summary>Opens the data source and brings the schema to the current version (blocking).</summary>
    public PostgreSqlDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);

        // The store's few statements are prepared once per physical connection and reused.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 32;
        }

        ConnectionString = builder.ConnectionString;
        _dataSource = NpgsqlDataSource.Create(builder);
        Migrate();
    }

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema version this code creates and expects.</summary>
    public static int SchemaVersion => PostgreSqlSchema.Migrations.Count;

    /// <summary>Opens a pooled connection.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a read-committed transaction and commits it. A transaction that fails on a
    /// serialization failure or deadlock (40001, 40P01) is retried from the start, since PostgreSQL rolled it back.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException ex) when (attempt < 5 && ex.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
            {
                await transaction.RollbackAsync(CancellationToken.None);
            }
        }
    }

    public void Dispose() => _dataSource.Dispose();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private void Migrate()
    {
        using var connection = _dataSource.OpenConnection();
        using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", connection))
        {
            lockCommand.ExecuteNonQuery();
        }

        try
        {
            using (var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS schema_info (version integer NOT NULL)", connection))
            {
                create.ExecuteNonQuery();
            }

            int current;
            using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_info", connection))
            {
                current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (current > PostgreSqlSchema.Migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL store has schema version {current}; this build knows up to {PostgreSqlSchema.Migrations.Count}. Run the newer build.");
            }

            for (var version = current + 1; version <= PostgreSqlSchema.Migrations.Count; version++)
            {
                using var transaction = connection.BeginTransaction();
                using (var migrate = new NpgsqlCommand(PostgreSqlSchema.Migrations[version - 1], connection, transaction))
                {
                    migrate.ExecuteNonQuery();
                }

                using (var record = new NpgsqlCommand("INSERT INTO schema_info (version) VALUES (@v)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", version);
                    record.ExecuteNonQuery();
                }

                transaction.Commit();
            }
        }
        finally
        {
            using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", connection);
            unlock.ExecuteNonQuery();
        }
    }
}
