namespace IiifHarvester.Sources.Status;

/// <summary>How one harvest of one source went.</summary>
public sealed record HarvestRunResult
{
    /// <summary>The source harvested.</summary>
    public required string SourceKey { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>The counts.</summary>
    public required HarvestCountsSnapshot Counts { get; init; }

    /// <summary>True when the source failed as a whole (no stream or collection could be read at all).</summary>
    public bool SourceFailed { get; init; }

    /// <summary>What went wrong, newest last (bounded).</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>Why the run was not started (another run holds the source), or null when it ran.</summary>
    public string? Refused { get; init; }

    /// <summary>When the lease that refused the run lapses unless its holder renews it; null when not refused by a lease.</summary>
    public DateTimeOffset? RefusedUntil { get; init; }
}
