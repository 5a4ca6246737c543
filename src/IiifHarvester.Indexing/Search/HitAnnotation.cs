using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// An annotation in a search answer: a published annotation (whole text, its region), or for word-level OCR an
/// annotation of just the matched words with the union of their word boxes.
/// </summary>
public sealed record HitAnnotation
{
    /// <summary>The published annotation id, when there is one and the answer shows that annotation whole.</summary>
    public string? PublishedId { get; init; }

    /// <summary>A stable local id (derived from manifest, canvas, line and offsets) for use under our base URL when <see cref="PublishedId"/> is null.</summary>
    public required string LocalId { get; init; }

    /// <summary>The text the annotation shows.</summary>
    public required string Text { get; init; }

    /// <summary>The motivation as indexed (<c>painting</c>, <c>supplementing</c>, <c>commenting</c>...), empty when none.</summary>
    public string Motivation { get; init; } = string.Empty;

    /// <summary>The text's language, when known.</summary>
    public string? Language { get; init; }

    /// <summary>The canvas; empty when the annotation targets no canvas.</summary>
    public required string CanvasId { get; init; }

    /// <summary>The region on the canvas (the whole canvas when the annotation had none and the size is known).</summary>
    public Region? Region { get; init; }

    /// <summary>The manifest it belongs to.</summary>
    public required string ManifestUri { get; init; }

    /// <summary>Our key of the manifest.</summary>
    public required string ManifestKey { get; init; }

    /// <summary>The manifest's label.</summary>
    public LanguageMap ManifestLabel { get; init; } = LanguageMap.Empty;

    /// <summary>The creator, when given.</summary>
    public string? Creator { get; init; }

    /// <summary>The creation date, when given.</summary>
    public DateTimeOffset? Created { get; init; }
}
