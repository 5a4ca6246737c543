namespace IiifHarvester.Iiif.Ocr;

/// <summary>Bounds on OCR files, so a hostile or broken file cannot exhaust the harvester.</summary>
public sealed record OcrParserOptions
{
    /// <summary>The default options.</summary>
    public static readonly OcrParserOptions Default = new();

    /// <summary>Maximum file size in bytes.</summary>
    /// <value>Defaults to 64 MiB.</value>
    public long MaxBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Maximum lines kept from one file; the rest are dropped with a warning.</summary>
    /// <value>Defaults to 200,000.</value>
    public int MaxLines { get; init; } = 200_000;

    /// <summary>Maximum XML/HTML element nesting.</summary>
    /// <value>Defaults to 256.</value>
    public int MaxDepth { get; init; } = 256;
}
