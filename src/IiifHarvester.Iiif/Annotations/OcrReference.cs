namespace IiifHarvester.Iiif.Annotations;

/// <summary>A linked text file (OCR, captions) on a canvas (or a manifest, for one-page documents).</summary>
/// <param name="Uri">The file's URI.</param>
/// <param name="Format">ALTO, hOCR, PAGE XML or WebVTT, as the link says.</param>
/// <param name="CanvasId">The canvas its coordinates are scaled to.</param>
/// <param name="Language">The language the link gives the file (BCP 47), if any.</param>
/// <param name="Time">The stretch of a time-based canvas the file is placed on (<c>#t=</c> on its target), if any.</param>
public sealed record OcrReference(string Uri, OcrFormat Format, string CanvasId, string? Language = null, TimeRange? Time = null);
