using IiifHarvester.Indexing.Querying;

namespace IiifHarvester.Indexing.Search;

/// <summary>A Content Search request.</summary>
public sealed record ContentSearchRequest
{
    /// <summary>What to search.</summary>
    public required SearchScope Scope { get; init; }

    /// <summary>The words and phrases.</summary>
    public required UserQuery Query { get; init; }

    /// <summary>Motivation, date and user filters.</summary>
    public AnnotationFilter Filter { get; init; } = AnnotationFilter.None;

    /// <summary>0-based index of the first hit wanted.</summary>
    public int StartIndex { get; init; }

    /// <summary>Hits wanted; null for <see cref="IndexingOptions.PageSize"/>.</summary>
    public int? PageSize { get; init; }
}
