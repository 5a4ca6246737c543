using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Collections;

/// <summary>Walks a tree of Presentation 2.1/3.0 collections, nested and paged, down to manifest references.</summary>
public interface ICollectionWalker
{
    /// <summary>
    /// Walks from <paramref name="rootCollection"/>, yielding each collection document, each manifest reference and each
    /// failure as found, and a <see cref="CollectionWalkSummary"/> last. Never throws for network, HTTP or parse
    /// problems; throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<CollectionWalkItem> WalkAsync(Uri rootCollection, CollectionWalkRequest request, FetchPolicy policy, CancellationToken cancellationToken);
}
