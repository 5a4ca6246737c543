using IiifHarvester.Harvesting.Cluster;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Indexing;

/// <summary>
/// Keeps the index following the change log while the host runs: catches up at start (a crash before the last
/// commit is repaired here), then whenever a harvest signals new changes, and on a poll
/// (<see cref="ClusterOptions.PollInterval"/>) for writes made by other processes or nodes sharing the store: a search
/// node follows the cluster's change log this way.
/// </summary>
public sealed partial class IndexFollower : BackgroundService
{
    private readonly IndexFeeder _feeder;
    private readonly ILogger<IndexFollower> _logger;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly TimeSpan _pollInterval;

    public IndexFollower(IndexFeeder feeder, IOptions<ClusterOptions> cluster, ILogger<IndexFollower> logger)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _feeder = feeder;
        _logger = logger;
        _pollInterval = cluster.Value.PollInterval ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>Asks for a catch-up soon.</summary>
    public void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            try
            {
                _signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var applied = await _feeder.CatchUpAsync(stoppingToken);
                if (applied > 0)
                {
                    LogCaughtUp(applied);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
            }

            try
            {
                await _signal.WaitAsync(_pollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Index caught up with the store: {Count} resources applied")]
    private partial void LogCaughtUp(int count);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Error, Message = "Index catch-up failed; retrying on the next signal")]
    private partial void LogFailed(Exception exception);
}
