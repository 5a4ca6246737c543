using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Crawling.Collections;

/// <summary>A manifest listed by a collection; yielded once per walk, from the first collection that lists it.</summary>
/// <param name="ManifestId">The manifest's URI.</param>
/// <param name="CollectionId">The collection that lists it (for a page of a paged collection, the paged collection as fetched).</param>
/// <param name="Label">The label the collection gives it.</param>
/// <param name="Depth">The depth of the listing collection.</param>
public sealed record ManifestReference(string ManifestId, string CollectionId, LanguageMap Label, int Depth) : CollectionWalkItem;
