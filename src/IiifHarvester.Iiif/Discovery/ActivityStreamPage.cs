using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Discovery;

/// <summary>A Change Discovery <c>OrderedCollectionPage</c> (§2.2).</summary>
public sealed record ActivityStreamPage : IiifDocument
{
    /// <summary>The collection the page is part of.</summary>
    public string? PartOf { get; init; }

    /// <summary>The previous (older) page.</summary>
    public string? Prev { get; init; }

    /// <summary>The next (newer) page.</summary>
    public string? Next { get; init; }

    /// <summary>The index of the first item in the whole stream, as published (0- or 1-based in the wild).</summary>
    public long? StartIndex { get; init; }

    /// <summary>The activities in the order published (oldest first per §2.2).</summary>
    public IReadOnlyList<Activity> Activities { get; init; } = [];
}
