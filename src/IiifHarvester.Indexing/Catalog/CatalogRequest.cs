using IiifHarvester.Indexing.Querying;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// An object search over the union catalog: words and phrases matched in the metadata and in the full text of
/// every object (an object matches by either), facet filters (any value within a facet, every facet), a sort and
/// a page.
/// </summary>
public sealed record CatalogRequest
{
    /// <summary>Words and phrases over label, summary, metadata, provider and the objects' annotation text; null lists everything.</summary>
    public UserQuery? Query { get; init; }

    /// <summary>Source keys.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Collection URIs: objects in one of them, at any depth (its manifests and the collections under it).</summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary>Languages.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>Types (<c>Manifest</c>, <c>Collection</c>).</summary>
    public IReadOnlyList<string> Types { get; init; } = [];

    /// <summary>Provider names.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Rights URIs.</summary>
    public IReadOnlyList<string> Rights { get; init; } = [];

    /// <summary>Centuries by their first year (<c>1400</c> for 1400–1499), of the navDate.</summary>
    public IReadOnlyList<int> Centuries { get; init; } = [];

    /// <summary>Decades by their first year (<c>1430</c> for 1430–1439), of the navDate.</summary>
    public IReadOnlyList<int> Decades { get; init; } = [];

    /// <summary>
    /// Kinds of text (<see cref="Schema.TextKinds"/>): objects holding such text, and only such text searched.
    /// </summary>
    public IReadOnlyList<string> TextKinds { get; init; } = [];

    /// <summary>The order of results.</summary>
    public CatalogSort Sort { get; init; } = CatalogSort.Relevance;

    /// <summary>Snippets (text hits with context) wanted per object, at most; 0 for none.</summary>
    public int Snippets { get; init; } = 3;

    /// <summary>1-based page.</summary>
    public int Page { get; init; } = 1;

    /// <summary>Results per page; null for <see cref="IndexingOptions.CatalogPageSize"/>.</summary>
    public int? PageSize { get; init; }
}
