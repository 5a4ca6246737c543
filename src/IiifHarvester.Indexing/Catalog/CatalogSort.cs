namespace IiifHarvester.Indexing.Catalog;

/// <summary>The order of catalog results.</summary>
public enum CatalogSort
{
    /// <summary>Best match first (metadata and text scores together); by label when there is no query.</summary>
    Relevance,

    /// <summary>Oldest navDate first; objects without one last.</summary>
    DateAscending,

    /// <summary>Newest navDate first; objects without one last.</summary>
    DateDescending,

    /// <summary>
    /// Most recently changed first, by when the store recorded each object's last change (its change log entry), ties
    /// broken by the change's sequence: what a feed of a search lists. A re-fetch of the same bytes moves nothing.
    /// </summary>
    Newest,
}
