using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Search;

/// <summary>A harvested manifest or collection as the index knows it.</summary>
public sealed record ResourceSummary
{
    /// <summary>Our stable key.</summary>
    public required string Key { get; init; }

    /// <summary>The URI as harvested (the institution's id).</summary>
    public required string Uri { get; init; }

    /// <summary>Manifest or collection.</summary>
    public required PresentationKind Kind { get; init; }

    /// <summary>The Presentation API version it was published in.</summary>
    public IiifVersion Version { get; init; }

    /// <summary>The label.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>The summary (v2 description).</summary>
    public LanguageMap Summary { get; init; } = LanguageMap.Empty;

    /// <summary>The metadata pairs.</summary>
    public IReadOnlyList<MetadataEntry> Metadata { get; init; } = [];

    /// <summary>The source key.</summary>
    public required string SourceKey { get; init; }

    /// <summary>The source's display name.</summary>
    public string? SourceName { get; init; }

    /// <summary>Provider names.</summary>
    public IReadOnlyList<string> Providers { get; init; } = [];

    /// <summary>Languages of its values.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The rights URI.</summary>
    public string? Rights { get; init; }

    /// <summary>The navDate.</summary>
    public DateTimeOffset? NavDate { get; init; }

    /// <summary>Canvases (0 for collections).</summary>
    public int CanvasCount { get; init; }

    /// <summary>A thumbnail URI.</summary>
    public string? Thumbnail { get; init; }

    /// <summary>The Image API service of the start (or first) canvas's image, for thumbnails through our proxy.</summary>
    public string? ThumbnailService { get; init; }

    /// <summary>When it was last fetched, as the store held it when it was indexed.</summary>
    public DateTimeOffset? HarvestedAt { get; init; }

    /// <summary>
    /// When the store recorded its last change (the change log entry the index holds it from): what a search's feed
    /// dates it by. Null in an index written before the field was (which the schema version rebuilds).
    /// </summary>
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>The change log sequence of that change (0 when unknown).</summary>
    public long ChangeSequence { get; init; }

    /// <summary>Collections known to contain it.</summary>
    public IReadOnlyList<string> ParentCollections { get; init; } = [];
}
