using Npgsql;

namespace IiifHarvester.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL database behind the store, shared by every node of a cluster: a pooled data source, and the schema
/// created and migrated on start. Several nodes may start at once: migrations run under a session advisory lock, so
/// one node migrates while the others wait and then find the schema current. A database that goes away for a moment
/// (a restart, a failover) is waited for: reads and write transactions that fail because the server cannot be
/// reached are run again from the start on a new connection for up to <see cref="TransientRetryWindow"/>, so a
/// harvest carries on across a restart instead of stopping and replaying its stream.
/// </summary>
internal sealed class PostgreSqlDatabase : IDisposable, IAsyncDisposable
{
    // pg_advisory_lock key of schema migrations ("IIIFHARV" as a 64-bit number); any fixed value works.
    private const long MigrationLockKey = 0x4949_4946_4841_5256;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;

    /// <summary>Opens the data source and brings the schema to the current version (blocking).</summary>
    public PostgreSqlDatabase(string connectionString, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
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

    /// <summary>How long a read or write keeps trying while the server cannot be reached.</summary>
    public static TimeSpan TransientRetryWindow { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The connection string in use.</summary>
    public string ConnectionString { get; }

    /// <summary>The schema version this code creates and expects.</summary>
    public static int SchemaVersion => PostgreSqlSchema.Migrations.Count;

    /// <summary>Opens a pooled connection.</summary>
    public ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken) => _dataSource.OpenConnectionAsync(cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a read-committed transaction and commits it. A transaction that fails on a
    /// serialization failure or deadlock (40001, 40P01) is retried from the start, since PostgreSQL rolled it back;
    /// so is one that failed because the server could not be reached (see <see cref="IsUnreachable"/>), for up to
    /// <see cref="TransientRetryWindow"/>. Should the connection break while the commit itself was in flight, the
    /// retry finds what committed: the store's writes compare before they change, so the retry changes nothing more.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WhileUnreachableAsync(async () =>
        {
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
        }, cancellationToken);
    }

    /// <summary>
    /// Runs the read <paramref name="work"/> on a pooled connection, again on a new one when the server could not be
    /// reached (see <see cref="WriteAsync"/>), for up to <see cref="TransientRetryWindow"/>.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WhileUnreachableAsync(async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }, cancellationToken);
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says the server could not be reached or dropped the connection (it is
    /// restarting, shutting down, or the network failed) rather than that the statement was wrong.
    /// </summary>
    internal static bool IsUnreachable(Exception exception) => exception switch
    {
        // 57P01-03: the server is shutting down, crashed, or not yet accepting connections; class 08: connection failures.
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    /// <summary>Runs <paramref name="attempt"/>, and again after a growing pause while the server cannot be reached, for up to <see cref="TransientRetryWindow"/>.</summary>
    private async Task<T> WhileUnreachableAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        for (var failures = 1; ; failures++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (IsUnreachable(ex) && !cancellationToken.IsCancellationRequested && _time.GetElapsedTime(started) < TransientRetryWindow)
            {
                // Connections pooled before the failure are dead; new ones are opened when the server is back.
                _dataSource.Clear();
                var delay = TimeSpan.FromMilliseconds(Math.Min(2000, 50 * Math.Pow(2, Math.Min(failures, 6))));
                await Task.Delay(delay, _time, cancellationToken);
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
