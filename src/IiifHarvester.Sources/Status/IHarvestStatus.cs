namespace IiifHarvester.Sources.Status;

/// <summary>What each source's last and current harvests did (the harvest keeps it; the status endpoint reads it).</summary>
public interface IHarvestStatus
{
    /// <summary>The last finished run of a source, or null.</summary>
    HarvestRunResult? LastRun(string sourceKey);

    /// <summary>The last run of a source that was refused (another run held the source), or null.</summary>
    HarvestRunResult? LastRefused(string sourceKey);

    /// <summary>The run in progress, with its counts so far, or null.</summary>
    (DateTimeOffset StartedAt, HarvestCountsSnapshot Counts)? Running(string sourceKey);
}
