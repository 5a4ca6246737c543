using Lucene.Net.Index;
using IiifHarvester.Indexing.Threading;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Indexing.Writing;

/// <summary>
/// Lucene's concurrent merge scheduler, except that a merge that fails (a full disk, an I/O error) is logged instead
/// of rethrown on its background thread, where an unhandled exception ends the process. The merge is abandoned, its
/// partial files are removed by the writer, and the segments it would have merged stay as they were.
/// </summary>
internal sealed class LoggingMergeScheduler : ConcurrentMergeScheduler
{
    private readonly ILogger _logger;
    private readonly Action<Exception> _failed;

    public LoggingMergeScheduler(ILogger logger, Action<Exception> failed)
    {
        _logger = logger;
        _failed = failed;
    }

    protected override void DoMerge(MergePolicy.OneMerge merge)
    {
        // Merges are background work: below the searches that share the cores (a no-op after the first on a thread).
        BackgroundPriority.LowerCurrentThread();
        base.DoMerge(merge);
    }

    protected override void HandleMergeException(Exception exc)
    {
        try
        {
            // The base pauses briefly (so a failing merge does not spin) and throws.
            base.HandleMergeException(exc);
        }
#pragma warning disable CA1031 // Anything thrown here would end the process from a background thread.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.MergeFailed(_logger, ex);
            _failed(ex);
        }
    }
}
