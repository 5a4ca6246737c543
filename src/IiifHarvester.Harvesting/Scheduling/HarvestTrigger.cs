using IiifHarvester.Harvesting.Sources;
using Quartz;

namespace IiifHarvester.Harvesting.Scheduling;

/// <summary>Triggers a source's harvest now (the admin endpoint), through Quartz so it never overlaps a scheduled run.</summary>
public sealed class HarvestTrigger
{
    private readonly ISchedulerFactory _schedulers;
    private readonly SourceCatalog _catalog;

    public HarvestTrigger(ISchedulerFactory schedulers, SourceCatalog catalog)
    {
        _schedulers = schedulers;
        _catalog = catalog;
    }

    /// <summary>Fires the source's job now; false when no such source is configured.</summary>
    public async Task<bool> TriggerAsync(string sourceKey, CancellationToken cancellationToken)
    {
        if (_catalog.Find(sourceKey) is null)
        {
            return false;
        }

        var scheduler = await _schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(SourceScheduleSynchronizer.JobKeyOf(sourceKey), new JobDataMap(), cancellationToken);
        return true;
    }

    /// <summary>When the source's schedule fires next, when it is scheduled.</summary>
    public async Task<DateTimeOffset?> NextFireTimeAsync(string sourceKey, CancellationToken cancellationToken)
    {
        var scheduler = await _schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(new TriggerKey(sourceKey, SourceScheduleSynchronizer.Group), cancellationToken);
        return trigger?.NextFireTimeUtc;
    }
}
