using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// The annotation of one search hit: the text of the line(s) the hit lies in, on the narrowest box known for the
/// hit (word boxes, an estimate along the line, or the annotation's region).
/// </summary>
public sealed record HitAnnotation
{
    /// <summary>A stable local id (derived from manifest, canvas, motivation, creator, date and the hit's offsets), published under our base URL.</summary>
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

    /// <summary>The stretch of a time-based canvas its lines target (<c>#t=</c>), when they name one.</summary>
    public TimeRange? Time { get; init; }

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
