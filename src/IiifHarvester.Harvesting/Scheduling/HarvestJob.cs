using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace IiifHarvester.Harvesting.Scheduling;

/// <summary>The Quartz job of one source. Never runs twice at once for the same source.</summary>
[DisallowConcurrentExecution]
internal sealed partial class HarvestJob : IJob
{
    /// <summary>The job data key holding the source key.</summary>
    public const string SourceKeyData = "source";

    private const int MaxStoreRetryDelaySeconds = 300;

    private readonly SourceCatalog _catalog;
    private readonly ISourceHarvester _harvester;
    private readonly WriteHealth _health;
    private readonly HarvestingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HarvestJob> _logger;

    public HarvestJob(
        SourceCatalog catalog, ISourceHarvester harvester, WriteHealth health, IOptions<HarvestingOptions> options, TimeProvider time, ILogger<HarvestJob> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog;
        _harvester = harvester;
        _health = health;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.MergedJobDataMap.GetString(SourceKeyData);
        var source = key is null ? null : _catalog.Find(key);
        if (source is null)
        {
            LogUnknownSource(key);
            return;
        }

        try
        {
            var result = await _harvester.HarvestAsync(source, cancellationToken);

            // A run stopped because the store was out of reach (a database down longer than its own retries wait)
            // runs again here, in this job, once it may be back: scheduling a retry would need that same database.
            for (var retry = 1; retry <= _options.StoreRetries && StoppedByTheStore(result); retry++)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(MaxStoreRetryDelaySeconds, _options.StoreRetryDelay.TotalSeconds * Math.Pow(2, retry - 1)));
                LogStoreRetry(source.Key, retry, (long)delay.TotalMilliseconds);
                await Task.Delay(delay, _time, cancellationToken);
                result = await _harvester.HarvestAsync(source, cancellationToken);
            }

            if (result.Refused is not null)
            {
                LogRefused(source.Key, result.Refused);
                if (result.RefusedUntil is { } until)
                {
                    // The holder may be a node that died mid-run (Quartz recovers its job here at once, while its
                    // lease still runs): try again once that lease would have lapsed. A live holder renews it, and
                    // the retry is refused in turn.
                    var retry = TriggerBuilder.Create()
                        .ForJob(context.JobDetail.Key)
                        .UsingJobData(SourceKeyData, source.Key)
                        .StartAt(until.AddSeconds(1))
                        .Build();
                    await context.Scheduler.ScheduleJob(retry, new ScheduleJobOptions(), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(source.Key);
        }
        catch (Exception ex)
        {
            // A job that throws would be refired by Quartz in a tight loop; the run's own accounting is in the status board.
            LogFailed(ex, source.Key);
        }
    }

    private bool StoppedByTheStore(HarvestRunResult result) =>
        result.SourceFailed && result.Refused is null && _health.Failing.ContainsKey(WriteHealth.Store);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Harvest of '{Source}' stopped because the store was out of reach; run again (retry {Retry}) in {DelayMs} ms")]
    private partial void LogStoreRetry(string source, int retry, long delayMs);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "A harvest job fired for source '{Source}', which is not configured; skipped")]
    private partial void LogUnknownSource(string? source);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Harvest of '{Source}' cancelled by shutdown; it resumes from its checkpoint next run")]
    private partial void LogCancelled(string source);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Scheduled harvest of '{Source}' not run: {Reason}")]
    private partial void LogRefused(string source, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Harvest of '{Source}' failed")]
    private partial void LogFailed(Exception exception, string source);
}
