using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>What <see cref="OcrParser"/> made of an OCR file: one record per text line, or a precise rejection.</summary>
public sealed record OcrParseOutcome
{
    /// <summary>The format the file was read as.</summary>
    public OcrFormat? Format { get; init; }

    /// <summary>One <c>supplementing</c> annotation per text line, with word boxes, in reading order.</summary>
    public IReadOnlyList<AnnotationRecord> Records { get; init; } = [];

    /// <summary>The OCR page size in its own units, when the file gives it.</summary>
    public (double Width, double Height)? PageSize { get; init; }

    /// <summary>Why the file was rejected; null when accepted.</summary>
    public string? Error { get; init; }

    /// <summary>What was odd but tolerated.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>True when the file was understood.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A rejection with <paramref name="error"/>.</summary>
    public static OcrParseOutcome Rejected(string error, OcrFormat? format = null, IReadOnlyList<string>? warnings = null) =>
        new() { Error = error, Format = format, Warnings = warnings ?? [] };
}
