namespace IiifHarvester.TestUtilities.Institutions;

/// <summary>An activity a <see cref="WireMockInstitution"/> publishes in its Change Discovery stream.</summary>
/// <param name="Type">The activity type (Create, Update, Delete, Move, Add, Remove, Refresh...).</param>
/// <param name="ObjectId">The object's id, absolute, or a path on the institution (<c>/manifests/3.json</c>); null for Refresh.</param>
/// <param name="EndTime">The endTime; null to omit it (Refresh has none).</param>
public sealed record StreamActivity(string Type, string? ObjectId, DateTimeOffset? EndTime)
{
    /// <summary>The object's type.</summary>
    public string ObjectType { get; init; } = "Manifest";

    /// <summary>Move and Add: the target id or path (<c>stream</c> means the institution's own stream).</summary>
    public string? Target { get; init; }

    /// <summary>Remove: the origin id or path (<c>stream</c> means the institution's own stream).</summary>
    public string? Origin { get; init; }

    /// <summary>Refresh: its startTime.</summary>
    public DateTimeOffset? StartTime { get; init; }
}
