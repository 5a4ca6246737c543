namespace IiifHarvester.Indexing.Search;

/// <summary>One page of Content Search hits.</summary>
public sealed record ContentSearchResult
{
    /// <summary>Every hit of the query (all pages).</summary>
    public required int Total { get; init; }

    /// <summary>0-based index of the first hit of this page.</summary>
    public required int StartIndex { get; init; }

    /// <summary>The page size used.</summary>
    public required int PageSize { get; init; }

    /// <summary>The hits of this page, in reading order.</summary>
    public required IReadOnlyList<SearchHit> Hits { get; init; }

    /// <summary>The hits' annotations, one per hit, in the order of <see cref="Hits"/>.</summary>
    public IEnumerable<HitAnnotation> Annotations => Hits.Select(h => h.Annotation);

    /// <summary>The version of the index reader that answered (for ETags).</summary>
    public required long Generation { get; init; }
}
