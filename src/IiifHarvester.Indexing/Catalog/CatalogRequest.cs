using IiifHarvester.Indexing.Querying;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>A union-catalog search: optional words, facet filters (any value within a facet, every facet), a page.</summary>
public sealed record CatalogRequest
{
    /// <summary>Words and phrases over label, summary, metadata and provider; null lists everything by label.</summary>
    public UserQuery? Query { get; init; }

    /// <summary>Source keys.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Languages.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Types (<c>Manifest</c>, <c>Collection</c>).</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Provider names.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Results per page; null for <see cref="IndexingOptions.CatalogPageSize"/>.</summary>
    public int? PageSize { get; init; }
}
