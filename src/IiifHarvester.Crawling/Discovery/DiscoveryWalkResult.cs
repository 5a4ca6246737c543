using IiifHarvester.Iiif.Discovery;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>What a Discovery walk found.</summary>
public sealed record DiscoveryWalkResult
{
    /// <summary>The stream walked.</summary>
    public required Uri StreamUri { get; init; }

    /// <summary>The newest activity per object, newest first; a Move yields a Delete of its origin and an Upsert of its target.</summary>
    public IReadOnlyList<DiscoveredChange> Changes { get; init; } = [];

    /// <summary>
    /// True when every page the walk needed was fetched and parsed. When false the pipeline must not advance the
    /// checkpoint (it may still apply <see cref="Changes"/>: they are right, only possibly not all).
    /// </summary>
    public bool Complete { get; init; }

    /// <summary>
    /// The candidate checkpoint: the newest endTime seen (never later than now), or the request's checkpoint when the walk
    /// saw none. Store it once every change is in the store and <see cref="Complete"/> is true.
    /// </summary>
    public DateTimeOffset? NewestActivityTime { get; init; }

    /// <summary>Why the walk stopped.</summary>
    public DiscoveryStopReason StopReason { get; init; }

    /// <summary>Whether this was a full reconciliation walk.</summary>
    public bool IsFullWalk { get; init; }

    /// <summary>Pages fetched and parsed (the collection document not counted).</summary>
    public int PagesWalked { get; init; }

    /// <summary>Activities read, before de-duplication.</summary>
    public int ActivitiesSeen { get; init; }

    /// <summary>Activities read, by type: a stream with only <see cref="ActivityType.Create"/> needs periodic full walks.</summary>
    public IReadOnlyDictionary<ActivityType, int> ActivityCounts { get; init; } = new Dictionary<ActivityType, int>();

    /// <summary>What made the walk incomplete.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    /// <summary>What was odd but tolerated (cycles, skipped object types, activities without endTime, parser warnings).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
