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

    /// <summary>Most recently harvested (added or changed) first: what a feed of a search lists.</summary>
    Newest,
}
