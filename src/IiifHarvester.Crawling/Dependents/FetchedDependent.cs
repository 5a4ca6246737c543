using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Crawling.Dependents;

/// <summary>One dependent document of a manifest, fetched (and parsed, for annotations); the pipeline stores it.</summary>
/// <param name="Uri">The document's URI.</param>
/// <param name="Kind">Annotations or OCR.</param>
/// <param name="Fetch">The fetch; the pipeline treats only 404/410 as the dependent's deletion.</param>
public sealed record FetchedDependent(Uri Uri, DependentKind Kind, FetchResult Fetch)
{
    /// <summary>The canvas it belongs to; null for manifest-level annotations.</summary>
    public string? CanvasId { get; init; }

    /// <summary>For OCR: ALTO or hOCR.</summary>
    public OcrFormat? OcrFormat { get; init; }

    /// <summary>For annotations: the parsed container, when fetched (or unchanged) and parsed.</summary>
    public AnnotationContainer? Container { get; init; }

    /// <summary>The bytes: the fetched body, or the stored copy's on a 304; empty on failure.</summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The container it was reached from (a layer's or collection's page chain); null for references from the manifest.</summary>
    public string? ReferencedFrom { get; init; }

    /// <summary>Why it is unusable (fetch failure or parse error); null when usable.</summary>
    public string? Error { get; init; }
}
