namespace IiifHarvester.Sources.Status;

/// <summary>Starts a source's harvest now and tells when its schedule fires next (the scheduler implements it).</summary>
public interface IHarvestTrigger
{
    /// <summary>Fires the source's harvest now, never overlapping a running one; false when no such source is configured.</summary>
    Task<bool> TriggerAsync(string sourceKey, CancellationToken cancellationToken);

    /// <summary>When the source's schedule fires next, when it is scheduled.</summary>
    Task<DateTimeOffset?> NextFireTimeAsync(string sourceKey, CancellationToken cancellationToken);
}
