namespace IiifHarvester.Storage.Collections;

/// <summary>A collection that a manifest or collection is in.</summary>
/// <param name="CollectionUri">The collection.</param>
/// <param name="Depth">1 when the collection lists it, 2 when the collection lists one that lists it, and so on (the shortest way).</param>
public sealed record CollectionMembership(string CollectionUri, int Depth);
