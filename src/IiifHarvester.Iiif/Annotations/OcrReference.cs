namespace IiifHarvester.Iiif.Annotations;

/// <summary>An OCR file linked from a canvas (or a manifest, for one-page documents).</summary>
/// <param name="Uri">The file's URI.</param>
/// <param name="Format">ALTO or hOCR.</param>
/// <param name="CanvasId">The canvas its coordinates are scaled to.</param>
public sealed record OcrReference(string Uri, OcrFormat Format, string CanvasId);
