namespace IiifHarvester.Indexing.Search;

/// <summary>The Content Search filters besides <c>q</c>: any listed value may match; an empty list does not restrict.</summary>
public sealed record AnnotationFilter
{
    /// <summary>No filter.</summary>
    public static AnnotationFilter None { get; } = new();

    /// <summary>Motivations (<c>painting</c>, <c>non-painting</c>, <c>commenting</c>..., prefixes allowed).</summary>
    public IReadOnlyList<string> Motivations { get; init; } = [];

    /// <summary>Creation date ranges.</summary>
    public IReadOnlyList<DateRange> Dates { get; init; } = [];

    /// <summary>Creator URIs.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];
}
