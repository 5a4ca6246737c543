using IiifHarvester.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IiifHarvester.Harvesting.Scheduling;

/// <summary>
/// Makes the persistent schedule match the configured sources when the host starts: one job per valid source with a
/// cron trigger (kept when unchanged, so a misfire recorded before a restart still fires once), and the jobs of
/// sources no longer configured removed. Reports every invalid source with all its errors.
/// </summary>
internal sealed partial class SourceScheduleSynchronizer : IHostedService
{
    /// <summary>The job group of harvest jobs.</summary>
    public const string Group = "harvest";

    private readonly ISchedulerFactory _schedulers;
    private readonly SourceCatalog _catalog;
    private readonly ILogger<SourceScheduleSynchronizer> _logger;

    public SourceScheduleSynchronizer(ISchedulerFactory schedulers, SourceCatalog catalog, ILogger<SourceScheduleSynchronizer> logger)
    {
        _schedulers = schedulers;
        _catalog = catalog;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var problem in _catalog.Problems)
        {
            LogInvalidSource(problem.SourceKey, string.Join("; ", problem.Errors));
        }

        var scheduler = await _schedulers.GetScheduler(cancellationToken);
        var wanted = _catalog.Sources.ToDictionary(s => JobKeyOf(s.Key));
        foreach (var existing in await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(Group), cancellationToken))
        {
            if (!wanted.ContainsKey(existing))
            {
                await scheduler.DeleteJob(existing, cancellationToken);
                LogUnscheduled(existing.Name);
            }
        }

        foreach (var (jobKey, source) in wanted)
        {
            var job = JobBuilder.Create<HarvestJob>()
                .WithIdentity(jobKey)
                .UsingJobData(HarvestJob.SourceKeyData, source.Key)
                .StoreDurably()
                .RequestRecovery()
                .WithDescription(source.Name)
                .Build();
            var triggerKey = new TriggerKey(source.Key, Group);
            var existing = await scheduler.GetTrigger(triggerKey, cancellationToken) as ICronTrigger;
            if (existing is not null && existing.CronExpressionString == source.Schedule)
            {
                // Same schedule: keep the trigger (and any misfire it carries) as the store has it.
                await scheduler.AddJob(job, new AddJobOptions { Replace = true, StoreNonDurableWhileAwaitingScheduling = true }, cancellationToken);
                continue;
            }

            var trigger = TriggerBuilder.Create()
                .WithIdentity(triggerKey)
                .ForJob(jobKey)
                .WithCronSchedule(source.Schedule, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJob(job, new[] { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
            LogScheduled(source.Key, source.Schedule, trigger.NextFireTimeUtc);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The job key of a source.</summary>
    public static JobKey JobKeyOf(string sourceKey) => new(sourceKey, Group);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Error, Message = "Source '{Source}' is not scheduled: {Errors}")]
    private partial void LogInvalidSource(string source, string errors);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Source '{Source}' scheduled '{Schedule}', next at {Next}")]
    private partial void LogScheduled(string source, string schedule, DateTimeOffset? next);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Source '{Source}' is no longer configured; its job was removed")]
    private partial void LogUnscheduled(string source);
}
