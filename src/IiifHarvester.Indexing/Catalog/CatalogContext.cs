using IiifHarvester.Indexing.Analysis;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>What an object search needs besides its request: the analyzer, the stemmed fields present, and limits.</summary>
internal sealed record CatalogContext(
    TextAnalyzer Analyzer,
    IReadOnlyCollection<string> StemLanguages,
    int PageSize,
    int FacetLimit,
    int ContextLength);
