using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>One object found: the manifest or collection, and where its text matched.</summary>
public sealed record CatalogItem
{
    /// <summary>The object.</summary>
    public required ResourceSummary Resource { get; init; }

    /// <summary>Hits of the query in the object's text (what a Content Search inside it answers); 0 when only metadata matched.</summary>
    public int TextHits { get; init; }

    /// <summary>Whether the query matched the object's metadata.</summary>
    public bool MetadataMatched { get; init; }

    /// <summary>The first text hits in reading order (at most <see cref="CatalogRequest.Snippets"/>), each with its canvas and region.</summary>
    public IReadOnlyList<SearchHit> Snippets { get; init; } = [];
}
