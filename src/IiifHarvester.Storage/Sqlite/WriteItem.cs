using Microsoft.Data.Sqlite;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>One queued write of a group commit, run inside its own savepoint.</summary>
internal interface IWriteItem
{
    /// <summary>Runs the write; a write that throws is rolled back to its savepoint and fails alone.</summary>
    void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Called once the transaction holding the write committed.</summary>
    void Complete();

    /// <summary>Called when the transaction could not commit.</summary>
    void Fail(Exception exception);
}

/// <inheritdoc />
internal sealed class WriteItem<T> : IWriteItem
{
    private const string Savepoint = "w";

    private readonly Func<SqliteConnection, SqliteTransaction, T> _work;
    private readonly CancellationToken _cancellationToken;
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _error;
    private bool _cancelled;

    public WriteItem(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        _work = work;
        _cancellationToken = cancellationToken;
    }

    public Task<T> Task => _completion.Task;

    public void Run(SqliteConnection connection, SqliteTransaction transaction)
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            // Not started yet: a cancelled write is simply not made.
            _cancelled = true;
            return;
        }

        transaction.Save(Savepoint);
        try
        {
            _result = _work(connection, transaction);
            transaction.Release(Savepoint);
        }
#pragma warning disable CA1031 // The exception belongs to the caller of this one write, not to the others grouped with it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            transaction.Rollback(Savepoint);
            transaction.Release(Savepoint);
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
