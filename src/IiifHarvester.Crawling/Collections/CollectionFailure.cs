using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Collections;

/// <summary>A collection that could not be fetched or parsed; the walk goes on with the rest and ends incomplete.</summary>
/// <param name="Uri">The collection's URI.</param>
/// <param name="Fetch">The fetch, when one was made.</param>
/// <param name="Error">What went wrong.</param>
/// <param name="ParentId">The collection that listed it.</param>
public sealed record CollectionFailure(Uri Uri, FetchResult? Fetch, string Error, string? ParentId) : CollectionWalkItem;
