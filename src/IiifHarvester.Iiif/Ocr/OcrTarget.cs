namespace IiifHarvester.Iiif.Ocr;

/// <summary>The canvas an OCR file is read onto: its id, its size (to scale OCR coordinates) and its manifest.</summary>
/// <param name="CanvasId">The canvas the text lies on.</param>
/// <param name="CanvasWidth">The canvas width; null when unknown (coordinates are then kept as pixels of the OCR page).</param>
/// <param name="CanvasHeight">The canvas height; null when unknown.</param>
/// <param name="ManifestId">The manifest the canvas belongs to, when known.</param>
public sealed record OcrTarget(string CanvasId, int? CanvasWidth, int? CanvasHeight, string? ManifestId)
{
    /// <summary>The text's language as the link gives it (BCP 47), for formats that do not say it themselves.</summary>
    public string? Language { get; init; }

    /// <summary>Where on a time-based canvas the file's time 0 falls, in seconds (captions placed on a stretch of it).</summary>
    public double TimeOffset { get; init; }
}
