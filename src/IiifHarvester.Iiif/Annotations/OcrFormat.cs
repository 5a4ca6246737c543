namespace IiifHarvester.Iiif.Annotations;

/// <summary>The formats of linked text files (OCR, captions) we turn into annotations.</summary>
public enum OcrFormat
{
    /// <summary>ALTO XML, versions 2 to 4.</summary>
    Alto,

    /// <summary>hOCR (HTML with <c>ocr_*</c> classes).</summary>
    Hocr,

    /// <summary>PAGE XML (PRImA's page content format, as Transkribus, eScriptorium, OCR-D and Kraken write it).</summary>
    PageXml,

    /// <summary>
    /// WebVTT captions and subtitles of an audio or video canvas: timed text rather than OCR, but linked from a
    /// canvas and read onto it the same way.
    /// </summary>
    WebVtt,
}
