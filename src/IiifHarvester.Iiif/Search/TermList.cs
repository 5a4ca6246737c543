using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Iiif.Search;

/// <summary>An autocomplete response: Content Search 1.0 <c>search:TermList</c> or 2.0 <c>TermPage</c>.</summary>
public sealed record TermList : IiifDocument
{
    /// <summary>The terms, in order.</summary>
    public IReadOnlyList<SearchTerm> Terms { get; init; } = [];

    /// <summary>Parameters the service ignored (<c>ignored</c>).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];
}
