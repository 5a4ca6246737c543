using IiifHarvester.Iiif.Discovery;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>The newest activity of one object in a walk, reduced to what the pipeline must do.</summary>
/// <param name="ObjectId">The object's URI (a Move yields one change for its origin and one for its target).</param>
/// <param name="ObjectType">The object's type as published (<c>Manifest</c>, <c>Collection</c>...), when given.</param>
/// <param name="Action">Upsert or delete.</param>
/// <param name="ActivityType">The activity that decided it.</param>
/// <param name="EndTime">The activity's endTime, when given.</param>
public sealed record DiscoveredChange(string ObjectId, string? ObjectType, ChangeAction Action, ActivityType ActivityType, DateTimeOffset? EndTime)
{
    /// <summary>For a Move: the other end (the target of a Delete, the origin of an Upsert).</summary>
    public string? RelatedId { get; init; }

    /// <summary>The object's <c>canonical</c> URI, when the stream gives one (§2.4).</summary>
    public string? Canonical { get; init; }
}
