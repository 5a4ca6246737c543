namespace IiifHarvester.Indexing.Search;

/// <summary>An autocomplete request.</summary>
public sealed record AutocompleteRequest
{
    /// <summary>What to complete within.</summary>
    public required SearchScope Scope { get; init; }

    /// <summary>The beginning of the term, taken as one string (Content Search 1.0 §4.2).</summary>
    public required string Prefix { get; init; }

    /// <summary>Fewest occurrences a term needs to be listed.</summary>
    public int MinCount { get; init; } = 1;

    /// <summary>Motivation, date and user filters.</summary>
    public AnnotationFilter Filter { get; init; } = AnnotationFilter.None;
}
