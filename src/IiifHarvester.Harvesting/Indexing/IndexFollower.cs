using IiifHarvester.Harvesting.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Indexing;

/// <summary>
/// The one loop that keeps the index following the change log. Hosted, it catches up at start (a crash before the
/// last commit is repaired here), then on a poll (<see cref="ClusterOptions.PollInterval"/>) for writes made by other
/// processes or nodes sharing the store (a search node follows the cluster this way). While a harvest runs (it says
/// so with <see cref="BeginHarvest"/>), changes are applied as they arrive, every second at most, so parsing and
/// indexing overlap the fetching, and committed once per <see cref="HarvestingOptions.IndexInterval"/>, since a commit
/// flushes and fsyncs segments. In a process that does not run hosted services (the one-shot verbs), the same loop runs
/// for as long as a harvest does.
/// </summary>
public sealed partial class IndexFollower : BackgroundService
{
    private static readonly TimeSpan ApplyInterval = TimeSpan.FromSeconds(1);

    private readonly object _lock = new();
    private readonly IndexFeeder _feeder;
    private readonly TimeProvider _time;
    private readonly ILogger<IndexFollower> _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _commitInterval;
    private readonly TimeSpan _applyInterval;
    private int _harvests;
    private bool _hosted;
    private CancellationTokenSource? _sessionStop;
    private Task? _session;

    public IndexFollower(IndexFeeder feeder, IOptions<ClusterOptions> cluster, IOptions<HarvestingOptions> harvesting, TimeProvider time, ILogger<IndexFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(harvesting);
        _feeder = feeder;
        _time = time;
        _logger = logger;
        _pollInterval = cluster.Value.PollInterval ?? TimeSpan.FromSeconds(30);
        _commitInterval = harvesting.Value.IndexInterval;
        _applyInterval = _commitInterval < ApplyInterval ? _commitInterval : ApplyInterval;
    }

    /// <summary>
    /// Tells the follower a harvest is writing to the store: until the returned handle is disposed, changes are applied
    /// as they arrive. Dispose it before the run's last <see cref="CatchUpAsync"/>.
    /// </summary>
    public IAsyncDisposable BeginHarvest()
    {
        lock (_lock)
        {
            _harvests++;
            if (!_hosted && _session is null)
            {
                _sessionStop = new CancellationTokenSource();
                _session = FollowAsync(hosted: false, _sessionStop.Token);
            }
        }

        Signal();
        return new Harvest(this);
    }

    /// <summary>Applies and commits everything the change log holds now (the end of a run, a reindex).</summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken) => _feeder.CatchUpAsync(commit: true, cancellationToken);

    /// <summary>Asks for a catch-up soon.</summary>
    public void Signal()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        lock (_lock)
        {
            _hosted = true;
        }

        return FollowAsync(hosted: true, stoppingToken);
    }

    public override void Dispose()
    {
        _sessionStop?.Cancel();
        _sessionStop?.Dispose();
        _signal.Dispose();
        base.Dispose();
    }

    private async Task EndHarvestAsync()
    {
        Task? session = null;
        lock (_lock)
        {
            _harvests--;
            if (_harvests == 0 && _session is not null)
            {
                session = _session;
                _sessionStop!.Cancel();
                _session = null;
            }
        }

        if (session is not null)
        {
            await session;
        }
    }

    private async Task FollowAsync(bool hosted, CancellationToken stop)
    {
        var lastCommit = _time.GetTimestamp();
        var wait = !hosted;
        while (!stop.IsCancellationRequested)
        {
            if (wait)
            {
                try
                {
                    if (Volatile.Read(ref _harvests) > 0)
                    {
                        await Task.Delay(_applyInterval, _time, stop);
                    }
                    else
                    {
                        await WaitForSignalAsync(stop);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            wait = true;
            var commit = Volatile.Read(ref _harvests) == 0 || _time.GetElapsedTime(lastCommit) >= _commitInterval;
            try
            {
                // Not cancelled midway: a batch under way is applied, and the run's last catch-up takes the rest.
                var applied = await _feeder.CatchUpAsync(commit, CancellationToken.None);
                if (commit)
                {
                    lastCommit = _time.GetTimestamp();
                }

                if (applied > 0 && commit)
                {
                    LogCaughtUp(applied);
                }
            }
#pragma warning disable CA1031 // The loop goes on; the next pass (or the run's last catch-up) retries and reports.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
    }

    private async Task WaitForSignalAsync(CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(_pollInterval, _time);
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        try
        {
            await _signal.WaitAsync(poll.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // The poll came round.
        }
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Index caught up with the store: {Count} resources applied")]
    private partial void LogCaughtUp(int count);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Index catch-up failed; retrying on the next pass")]
    private partial void LogFailed(Exception exception);

    private sealed class Harvest(IndexFollower follower) : IAsyncDisposable
    {
        private int _disposed;

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _disposed, 1) == 0 ? new ValueTask(follower.EndHarvestAsync()) : ValueTask.CompletedTask;
    }
}
