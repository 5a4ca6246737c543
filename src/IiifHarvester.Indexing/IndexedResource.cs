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

    /// <summary>When the resource was harvested.</summary>
    public required DateTimeOffset HarvestedAt { get; init; }

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
