namespace IiifHarvester.Crawling.Politeness;

/// <summary>
/// When each host may next be sent a request, kept where every node of a cluster sees it, so that nodes harvesting
/// sources on the same host together keep that host's rate (issue 15). A single node needs none: its
/// <see cref="HostGate"/> already paces every source it runs. Register one to make the gates ask it after their own
/// slot is granted.
/// </summary>
public interface ISharedHostPace
{
    /// <summary>
    /// Takes the host's next request slot if it has come (the host then has none free for <paramref name="interval"/>)
    /// and returns <see cref="TimeSpan.Zero"/>; otherwise takes nothing and returns how long until the slot comes.
    /// </summary>
    /// <param name="hostKey">The host and port, as the gates key them.</param>
    /// <param name="interval">The caller's interval between requests to the host.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<TimeSpan> TryTakeAsync(string hostKey, TimeSpan interval, CancellationToken cancellationToken);
}
