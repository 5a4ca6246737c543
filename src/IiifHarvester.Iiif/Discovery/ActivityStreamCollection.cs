using IiifHarvester.Iiif.Model;
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

    /// <summary>The rights of the stream, when given (§3.1).</summary>
    public string? Rights { get; init; }

    /// <summary>Descriptions of the whole set (§3.1 <c>seeAlso</c>, e.g. DCAT).</summary>
    public IReadOnlyList<LinkedResource> SeeAlso { get; init; } = [];

    /// <summary>Streams this one is part of (§3.1 <c>partOf</c>).</summary>
    public IReadOnlyList<LinkedResource> PartOf { get; init; } = [];
}
