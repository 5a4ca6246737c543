using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Discovery;

/// <summary>A Change Discovery <c>OrderedCollection</c>: the entry point of a stream (§2.1).</summary>
public sealed record ActivityStreamCollection : IiifDocument
{
    /// <summary>The first (oldest) page.</summary>
    public string? First { get; init; }

    /// <summary>The last (newest) page, where consumers start (§3.5.2).</summary>
    public string? Last { get; init; }

    /// <summary>The number of activities, when given.</summary>
    public long? TotalItems { get; init; }
}
