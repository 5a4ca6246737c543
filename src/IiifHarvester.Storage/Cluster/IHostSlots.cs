namespace IiifHarvester.Storage.Cluster;

/// <summary>
/// When each institution host may next be sent a request, in the database a cluster shares: how the nodes keep a
/// host's rate together. Registered only on a store that several nodes share (PostgreSQL).
/// </summary>
public interface IHostSlots
{
    /// <summary>
    /// Atomically takes <paramref name="hostKey"/>'s next request slot if it has come by the database's clock (the next
    /// one is then <paramref name="interval"/> later) and returns <see cref="TimeSpan.Zero"/>; otherwise takes nothing
    /// and returns how long until it comes (always above zero).
    /// </summary>
    Task<TimeSpan> TryTakeAsync(string hostKey, TimeSpan interval, CancellationToken cancellationToken);
}
