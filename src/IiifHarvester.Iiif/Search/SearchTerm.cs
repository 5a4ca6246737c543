using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Search;

/// <summary>One autocomplete term (Content Search 1.0 §4.2 <c>terms</c>, 2.0 §4.2 <c>Term</c>).</summary>
public sealed record SearchTerm
{
    /// <summary>The matching term (1.0 <c>match</c>, 2.0 <c>value</c>).</summary>
    public required string Value { get; init; }

    /// <summary>The search that finds it (1.0 <c>url</c>/<c>search</c>, 2.0 the term's search service id), when given.</summary>
    public string? SearchUrl { get; init; }

    /// <summary>How many hits it has (1.0 <c>count</c>, 2.0 <c>total</c>), when given.</summary>
    public int? Count { get; init; }

    /// <summary>A display label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The term's language, when given.</summary>
    public string? Language { get; init; }
}
