using System.Data.Common;
using IiifHarvester.Crawling.Politeness;
using IiifHarvester.Storage.Cluster;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Harvesting.Cluster;

/// <summary>
/// Politeness across the cluster (issue 15, item 4): the crawler's host gates take each request's slot in the
/// database the nodes already share, so nodes harvesting sources on the same host keep its rate together. While the
/// database cannot be reached (a restart), each node falls back to its own gates, which still keep the rate per node;
/// the harvest is not failed for it, and the shared slots are used again once the database answers.
/// </summary>
internal sealed partial class SharedHostPace : ISharedHostPace
{
    private readonly IHostSlots _slots;
    private readonly ILogger<SharedHostPace> _logger;
    private int _degraded;

    public SharedHostPace(IHostSlots slots, ILogger<SharedHostPace> logger)
    {
        _slots = slots;
        _logger = logger;
    }

    public async ValueTask<TimeSpan> TryTakeAsync(string hostKey, TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            var wait = await _slots.TryTakeAsync(hostKey, interval, cancellationToken).ConfigureAwait(false);
            if (Interlocked.Exchange(ref _degraded, 0) == 1)
            {
                LogRestored(_logger);
            }

            return wait;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is DbException or TimeoutException or InvalidOperationException)
        {
            if (Interlocked.Exchange(ref _degraded, 1) == 0)
            {
                LogUnavailable(_logger, hostKey, ex);
            }

            return TimeSpan.Zero;
        }
    }

    [LoggerMessage(EventId = 2140, Level = LogLevel.Warning, Message = "The cluster's host slots could not be read (at {HostKey}); pacing each host on this node alone until the database answers")]
    private static partial void LogUnavailable(ILogger logger, string hostKey, Exception exception);

    [LoggerMessage(EventId = 2141, Level = LogLevel.Information, Message = "The cluster's host slots answer again; hosts are paced across the cluster")]
    private static partial void LogRestored(ILogger logger);
}
