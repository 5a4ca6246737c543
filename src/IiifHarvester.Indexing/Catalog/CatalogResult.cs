namespace IiifHarvester.Indexing.Catalog;

/// <summary>One page of catalog results with facet counts over every result.</summary>
public sealed record CatalogResult
{
    /// <summary>Results in all pages.</summary>
    public required int Total { get; init; }

    /// <summary>1-based page.</summary>
    public required int Page { get; init; }

    /// <summary>Page size.</summary>
    public required int PageSize { get; init; }

    /// <summary>This page's results.</summary>
    public required IReadOnlyList<CatalogItem> Items { get; init; }

    /// <summary>Facet counts by facet name (<c>source</c>, <c>provider</c>, <c>language</c>, <c>type</c>, <c>rights</c>, <c>century</c>, <c>decade</c>, <c>text</c>), most frequent first.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<FacetValue>> Facets { get; init; }

    /// <summary>The version of the index reader that answered.</summary>
    public required long Generation { get; init; }
}
