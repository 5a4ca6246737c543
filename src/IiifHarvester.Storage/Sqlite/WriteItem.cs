using Microsoft.Data.Sqlite;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>One queued write of a group commit, run inside its own savepoint.</summary>
internal interface IWriteItem
{
    /// <summary>Runs the write; a write that throws is rolled back to its savepoint and fails alone.</summary>
    void Run(SqliteDatabase database, SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>What the write threw inside its savepoint, if it did.</summary>
    Exception? Error { get; }

    /// <summary>Called once the transaction holding the write committed.</summary>
    void Complete();

    /// <summary>Called when the transaction could not commit.</summary>
    void Fail(Exception exception);

    /// <summary>Whether a thread under SCHED_IDLE asked for the write (a harvest's), so it may be written at that priority.</summary>
    bool Background { get; }
}

/// <inheritdoc />
internal sealed class WriteItem<T> : IWriteItem
{
    // Savepoints through the writer's prepared statements (SqliteTransaction.Save would parse its SQL every time).
    private const string Save = "SAVEPOINT w";
    private const string Release = "RELEASE w";
    private const string RollbackTo = "ROLLBACK TO w";

    private readonly Func<SqliteConnection, SqliteTransaction, T> _work;
    private readonly CancellationToken _cancellationToken;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;
    private bool _cancelled;

    public WriteItem(Func<SqliteConnection, SqliteTransaction, T> work, bool background, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellationToken = cancellationToken;
        Background = background;
    }

    public bool Background { get; }

    public Task<T> Task => _completion.Task;

    public Exception? Error => _error;

    public void Run(SqliteDatabase database, SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            // Not started yet: a cancelled write is simply not made.
            _cancelled = true;
            return;
        }

        database.Statement(transaction, Save).ExecuteNonQuery();
        try
        {
            _result = _work(connection, transaction);
            database.Statement(transaction, Release).ExecuteNonQuery();
        }
#pragma warning disable CA1031 // The exception belongs to the caller of this one write, not to the others grouped with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            database.Statement(transaction, RollbackTo).ExecuteNonQuery();
            database.Statement(transaction, Release).ExecuteNonQuery();
            _error = ex;
        }
    }

    public void Complete()
    {
        if (_cancelled)
        {
            _completion.TrySetCanceled(_cancellationToken);
        }
        else if (_error is not null)
        {
            _completion.TrySetException(_error);
        }
        else
        {
            _completion.TrySetResult(_result!);
        }
    }

    public void Fail(Exception exception) => _completion.TrySetException(_error ?? exception);
}
