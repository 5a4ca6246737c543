namespace IiifHarvester.Indexing.Search;

/// <summary>What a search runs over.</summary>
public enum SearchScopeKind
{
    /// <summary>Everything harvested.</summary>
    All,

    /// <summary>One manifest.</summary>
    Manifest,

    /// <summary>Every manifest under a collection, at any depth.</summary>
    Collection,
}
