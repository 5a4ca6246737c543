using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Model;

/// <summary>A canvas of a manifest, in sequence order (v2 first sequence, v3 <c>items</c>).</summary>
public sealed record Canvas
{
    /// <summary>The canvas id, resolved against the manifest id when relative.</summary>
    public required string Id { get; init; }

    /// <summary>The label, per language.</summary>
    public LanguageMap Label { get; init; } = LanguageMap.Empty;

    /// <summary>Width in canvas units; null when missing or unusable.</summary>
    public int? Width { get; init; }

    /// <summary>Height in canvas units; null when missing or unusable.</summary>
    public int? Height { get; init; }

    /// <summary>Duration in seconds for time-based canvases.</summary>
    public double? Duration { get; init; }

    /// <summary>The images painted on the canvas.</summary>
    public IReadOnlyList<ImageReference> Images { get; init; } = [];

    /// <summary>Annotation lists (v2 <c>otherContent</c>) or pages (v3 <c>annotations</c>) referenced but not embedded: to be fetched.</summary>
    public IReadOnlyList<LinkedResource> AnnotationReferences { get; init; } = [];

    /// <summary>OCR files (ALTO, hOCR) linked from the canvas through seeAlso, rendering or annotations.</summary>
    public IReadOnlyList<OcrReference> OcrReferences { get; init; } = [];

    /// <summary>seeAlso links of the canvas.</summary>
    public IReadOnlyList<LinkedResource> SeeAlso { get; init; } = [];

    /// <summary>rendering links of the canvas.</summary>
    public IReadOnlyList<LinkedResource> Rendering { get; init; } = [];

    /// <summary>thumbnails of the canvas.</summary>
    public IReadOnlyList<LinkedResource> Thumbnail { get; init; } = [];
}
