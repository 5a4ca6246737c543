namespace IiifHarvester.Iiif.Annotations;

/// <summary>OCR formats we turn into annotations.</summary>
public enum OcrFormat
{
    /// <summary>ALTO XML, versions 2 to 4.</summary>
    Alto,

    /// <summary>hOCR (HTML with <c>ocr_*</c> classes).</summary>
    Hocr,

    /// <summary>PAGE XML (PRImA's page content format, as Transkribus, eScriptorium, OCR-D and Kraken write it).</summary>
    PageXml,
}
