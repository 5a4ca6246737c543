using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Collections;

/// <summary>Bounds of a collection walk, and the stored copies that make it conditional.</summary>
public sealed record CollectionWalkRequest
{
    /// <summary>The deepest nesting followed below the root (root = 0). Deeper collections are skipped and make the walk incomplete.</summary>
    /// <value>Defaults to 10.</value>
    public int MaxDepth { get; init; } = 10;

    /// <summary>The most collection documents (pages included) fetched; reaching it makes the walk incomplete.</summary>
    /// <value>Defaults to 10,000.</value>
    public int MaxCollections { get; init; } = 10_000;

    /// <summary>The most manifest references yielded; reaching it makes the walk incomplete.</summary>
    /// <value>Defaults to 1,000,000.</value>
    public int MaxManifests { get; init; } = 1_000_000;

    /// <summary>
    /// The stored copy of a collection, if any: its validators make the GET conditional, and its bytes are walked when
    /// the answer is 304. Null fetches everything unconditionally.
    /// </summary>
    public Func<Uri, CancellationToken, ValueTask<CachedDocument?>>? GetCached { get; init; }
}
