using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IiifHarvester.Harvesting.Scheduling;

/// <summary>The Quartz job of one source. Never runs twice at once for the same source.</summary>
[DisallowConcurrentExecution]
internal sealed partial class HarvestJob : IJob
{
    /// <summary>The job data key holding the source key.</summary>
    public const string SourceKeyData = "source";

    private readonly SourceCatalog _catalog;
    private readonly ISourceHarvester _harvester;
    private readonly ILogger<HarvestJob> _logger;

    public HarvestJob(SourceCatalog catalog, ISourceHarvester harvester, ILogger<HarvestJob> logger)
    {
        _catalog = catalog;
        _harvester = harvester;
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

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "A harvest job fired for source '{Source}', which is not configured; skipped")]
    private partial void LogUnknownSource(string? source);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Harvest of '{Source}' cancelled by shutdown; it resumes from its checkpoint next run")]
    private partial void LogCancelled(string source);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Scheduled harvest of '{Source}' not run: {Reason}")]
    private partial void LogRefused(string source, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Harvest of '{Source}' failed")]
    private partial void LogFailed(Exception exception, string source);
}
