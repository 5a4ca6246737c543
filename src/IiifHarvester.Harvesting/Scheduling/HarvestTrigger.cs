using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using Quartz;

namespace IiifHarvester.Harvesting.Scheduling;

/// <summary>Triggers a source's harvest now (the admin endpoint), through Quartz so it never overlaps a scheduled run.</summary>
public sealed class HarvestTrigger : IHarvestTrigger
{
    private readonly ISchedulerFactory _schedulers;
    private readonly SourceCatalog _catalog;

    public HarvestTrigger(ISchedulerFactory schedulers, SourceCatalog catalog)
    {
        _schedulers = schedulers;
        _catalog = catalog;
    }

    /// <inheritdoc />
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

    /// <inheritdoc />
    public async Task<DateTimeOffset?> NextFireTimeAsync(string sourceKey, CancellationToken cancellationToken)
    {
        var scheduler = await _schedulers.GetScheduler(cancellationToken);
        var trigger = await scheduler.GetTrigger(new TriggerKey(sourceKey, SourceScheduleSynchronizer.Group), cancellationToken);
        return trigger?.NextFireTimeUtc;
    }
}
