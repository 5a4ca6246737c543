using System.Threading.Channels;
using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using IiifHarvester.Images;
using IiifHarvester.Images.Warmup;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Images;

/// <summary>
/// After a run that added or updated documents, warms the thumbnails the portal shows for the source's images (the
/// <c>warm --sizes thumbnail</c> logic) in the background, one source at a time and one image after another, through
/// the proxy's guarded, per-host rate-limited upstream client: a first search page then answers from the cache instead
/// of fanning out to dozens of institutions. Off with <c>Images:WarmAfterHarvest=false</c>.
/// </summary>
internal sealed partial class ThumbnailWarming(IImageWarmer warmer, IOptions<ImagesOptions> options, ILogger<ThumbnailWarming> logger)
    : BackgroundService, IHarvestFollowUp
{
    private static readonly string[] Thumbnails = ["thumbnail"];
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private int _pending;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    /// <summary>Completes when every queued source has been warmed (at once when nothing is queued).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken) => _idle.Task.WaitAsync(cancellationToken);

    public void Harvested(SourceDefinition source, HarvestRunResult result)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(result);
        if (!options.Value.WarmAfterHarvest || result.Counts.Added + result.Counts.Updated == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_pending++ == 0)
            {
                _idle = NewIdle(completed: false);
            }
        }

        _queue.Writer.TryWrite(source.Key);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var sourceKey in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                var warmed = await warmer.WarmAsync(sourceKey, Thumbnails, stoppingToken);
                LogWarmed(sourceKey, warmed.Services, warmed.Fetched, warmed.Failed);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(sourceKey, ex);
            }
            finally
            {
                lock (_gate)
                {
                    if (--_pending == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }
        }
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            idle.SetResult();
        }

        return idle;
    }

    [LoggerMessage(EventId = 7400, Level = LogLevel.Information, Message = "Warmed thumbnails of {Source} after its harvest: {Services} image services, {Fetched} fetched, {Failed} failed")]
    private partial void LogWarmed(string source, int services, int fetched, int failed);

    [LoggerMessage(EventId = 7401, Level = LogLevel.Warning, Message = "Warming thumbnails of {Source} after its harvest failed")]
    private partial void LogFailed(string source, Exception exception);
}
