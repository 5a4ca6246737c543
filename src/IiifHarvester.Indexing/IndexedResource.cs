using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing;

/// <summary>A harvested manifest or collection with every annotation it owns: what one <see cref="ISearchIndex.Upsert"/> indexes.</summary>
public sealed record IndexedResource
{
    /// <summary>The stable short key of <see cref="Uri"/> (<c>ResourceKey.For</c>).</summary>
    public required string Key { get; init; }

    /// <summary>The resource's URI as harvested.</summary>
    public required string Uri { get; init; }

    /// <summary>The source (institution) key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The source's display name.</summary>
    public required string SourceName { get; init; }

    /// <summary>The parsed manifest or collection.</summary>
    public required PresentationResource Resource { get; init; }

    /// <summary>Every textual annotation: embedded, from fetched lists and pages, and OCR lines.</summary>
    public IReadOnlyList<AnnotationRecord> Annotations { get; init; } = [];

    /// <summary>When the resource was last fetched, as the store held it when it was indexed.</summary>
    public required DateTimeOffset HarvestedAt { get; init; }

    /// <summary>
    /// The change log sequence of the resource's last change: the store's last write that changed its content (its
    /// bytes, what it owns, or an update the institution announced), not a re-fetch of the same bytes nor a change of
    /// the collections it is in. <see cref="Catalog.CatalogSort.Newest"/> breaks ties of <see cref="ChangedAt"/> by it.
    /// </summary>
    public required long ChangeSequence { get; init; }

    /// <summary>When the store recorded the change <see cref="ChangeSequence"/>: what <see cref="Catalog.CatalogSort.Newest"/> sorts by.</summary>
    public required DateTimeOffset ChangedAt { get; init; }

    /// <summary>The collections that list the resource (may be empty).</summary>
    public IReadOnlyList<string> ParentCollections { get; init; } = [];

    /// <summary>
    /// Every collection the resource is in, at any depth (its parents, the collections that list them, …), nearest
    /// first; collection-scoped search finds a manifest's text by these. <see cref="ParentCollections"/> count
    /// whether listed here or not.
    /// </summary>
    public IReadOnlyList<string> Collections { get; init; } = [];

    /// <summary><see cref="ParentCollections"/> and <see cref="Collections"/>, each once.</summary>
    internal IEnumerable<string> AllCollections => ParentCollections.Concat(Collections).Distinct(StringComparer.Ordinal);
}
