using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Leases;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// A run's hold on its source, taken in the store before anything else so one source never has two runs at once,
/// whatever started them (a Quartz job, <c>harvest --once</c>, the demo, an admin trigger) and whichever process or
/// node they run in. Renewed on a timer while the run goes on; <see cref="Lost"/> fires should another holder get it
/// (the renewals failed for longer than the lease lasts), and the run then stops.
/// </summary>
internal sealed partial class RunLease : IAsyncDisposable
{
    private readonly IDocumentStore _store;
    private readonly string _sourceKey;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly ITimer _timer;
    private DateTimeOffset _expiresAt;
    private int _renewing;

    private RunLease(IDocumentStore store, SourceLease lease, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        _store = store;
        _sourceKey = lease.SourceKey;
        Owner = lease.Owner;
        _expiresAt = lease.ExpiresAt;
        _duration = duration;
        _time = time;
        _logger = logger;
        var every = duration / 3;
        _timer = time.CreateTimer(_ => _ = RenewAsync(), null, every, every);
    }

    /// <summary>Who holds it: host, process and run.</summary>
    public string Owner { get; }

    /// <summary>Cancelled when the lease was lost to another holder.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>A name for a harvester instance as a lease holder: host, process and instance.</summary>
    public static string NewOwner() => $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Takes the source's lease for <paramref name="owner"/>; returns it, or null and the lease as another holder has
    /// it. A lease the same owner kept from an earlier run (its release failed, say on a full disk) is taken over.
    /// </summary>
    public static async Task<(RunLease? Lease, SourceLease Current)> TryTakeAsync(
        IDocumentStore store, string sourceKey, string owner, TimeSpan duration, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var current = await store.AcquireLeaseAsync(sourceKey, owner, duration, cancellationToken);
        if (!current.IsHeldBy(owner) && HolderDiedOnThisHost(current.Owner))
        {
            // A run killed on this host (kill -9, a power cut) leaves its lease until it lapses; its process is gone,
            // so nothing can be running under it. Release it as that holder (a no-op if someone else got there first)
            // and try again: a restart after a crash resumes at once instead of being refused for the lease's length.
            LogTakeOverFromDeadProcess(logger, sourceKey, current.Owner);
            await store.ReleaseLeaseAsync(sourceKey, current.Owner, cancellationToken);
            current = await store.AcquireLeaseAsync(sourceKey, owner, duration, cancellationToken);
        }

        return current.IsHeldBy(owner) ? (new RunLease(store, current, duration, time, logger), current) : (null, current);
    }

    /// <summary>
    /// Whether <paramref name="holder"/> (as <see cref="NewOwner"/> writes it) names a process of this host that no
    /// longer runs. A holder on another host, or one whose process id is alive (even if reused), is left to lapse.
    /// </summary>
    internal static bool HolderDiedOnThisHost(string holder)
    {
        var parts = holder.Split('/');
        if (parts.Length != 3
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            || pid == Environment.ProcessId)
        {
            return false;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _timer.DisposeAsync();
        try
        {
            await _store.ReleaseLeaseAsync(_sourceKey, Owner, CancellationToken.None);
        }
#pragma warning disable CA1031 // An unreleased lease lapses by itself; the run's outcome is what matters here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogReleaseFailed(ex, _sourceKey);
        }

        _lost.Dispose();
    }

    private async Task RenewAsync()
    {
        if (Interlocked.Exchange(ref _renewing, 1) == 1)
        {
            return;
        }

        try
        {
            var lease = await _store.AcquireLeaseAsync(_sourceKey, Owner, _duration, CancellationToken.None);
            if (lease.IsHeldBy(Owner))
            {
                _expiresAt = lease.ExpiresAt;
            }
            else
            {
                LogLost(_sourceKey, lease.Owner);
                await _lost.CancelAsync();
            }
        }
#pragma warning disable CA1031 // A renewal that fails is tried again at the next tick; the lease still runs until it expires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRenewFailed(ex, _sourceKey, _expiresAt);
            if (_time.GetUtcNow() >= _expiresAt)
            {
                await _lost.CancelAsync();
            }
        }
        finally
        {
            Volatile.Write(ref _renewing, 0);
        }
    }

    [LoggerMessage(EventId = 2120, Level = LogLevel.Error, Message = "The run of '{Source}' lost its lease to {Holder}; it stops")]
    private partial void LogLost(string source, string holder);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "The lease of '{Source}' could not be renewed (it runs until {ExpiresAt:O})")]
    private partial void LogRenewFailed(Exception exception, string source, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2123, Level = LogLevel.Warning, Message = "The lease of '{Source}' is held by {Holder}, a process of this host that is gone; it is taken over")]
    private static partial void LogTakeOverFromDeadProcess(ILogger logger, string source, string holder);

    [LoggerMessage(EventId = 2122, Level = LogLevel.Warning, Message = "The lease of '{Source}' could not be released; it lapses by itself")]
    private partial void LogReleaseFailed(Exception exception, string source);
}
