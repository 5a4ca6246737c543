namespace IiifHarvester.Iiif.Annotations;

/// <summary>OCR formats we turn into annotations.</summary>
public enum OcrFormat
{
    /// <summary>ALTO XML, versions 2 to 4.</summary>
    Alto,

    /// <summary>hOCR (HTML with <c>ocr_*</c> classes).</summary>
    Hocr,
}
