namespace IiifHarvester.Iiif.Discovery;

/// <summary>One Change Discovery activity (§2.3).</summary>
public sealed record Activity
{
    /// <summary>The activity's id, when given.</summary>
    public string? Id { get; init; }

    /// <summary>What happened.</summary>
    public required ActivityType Type { get; init; }

    /// <summary>The type as published (for unknown types and logs).</summary>
    public string? RawType { get; init; }

    /// <summary>The resource it happened to; null only for Refresh or a broken activity (with a warning).</summary>
    public ActivityObject? Object { get; init; }

    /// <summary>Move and Add: where the object went.</summary>
    public ActivityObject? Target { get; init; }

    /// <summary>Remove (and Move, when given): where it came from.</summary>
    public ActivityObject? Origin { get; init; }

    /// <summary>When the change finished; the ordering time of the stream.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>When the change started, when given.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>A human summary, when given.</summary>
    public string? Summary { get; init; }

    /// <summary>Who performed the activity (§3.3 <c>actor</c>), when given: its id.</summary>
    public string? Actor { get; init; }
}
