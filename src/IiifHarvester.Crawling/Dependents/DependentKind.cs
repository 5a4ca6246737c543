namespace IiifHarvester.Crawling.Dependents;

/// <summary>What a manifest's dependent document is.</summary>
public enum DependentKind
{
    /// <summary>An annotation list, page, layer or collection (transcriptions, comments...).</summary>
    Annotations,

    /// <summary>An OCR file (ALTO, hOCR).</summary>
    Ocr,
}
