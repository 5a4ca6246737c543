namespace IiifHarvester.Storage.Documents;

/// <summary>What a stored document is. Manifests and collections are roots; the rest are owned by a manifest.</summary>
public enum DocumentKind
{
    /// <summary>A Presentation manifest.</summary>
    Manifest = 1,

    /// <summary>A Presentation collection (or a page of a paged v2 collection).</summary>
    Collection = 2,

    /// <summary>An annotation list, layer, page or collection referenced by a manifest.</summary>
    Annotations = 3,

    /// <summary>An OCR file (ALTO or hOCR) referenced by a manifest.</summary>
    Ocr = 4,
}
