using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Turns ALTO (v2 to v4), hOCR and PAGE XML files (and WebVTT captions, one record per cue) into annotation records: one <c>supplementing</c> record per text line
/// with its words' boxes, scaled from the OCR page to the canvas. Pure; bad input is a rejected outcome, never
/// an exception.
/// </summary>
public static class OcrParser
{
    /// <summary>
    /// Parses <paramref name="bytes"/> as <paramref name="format"/> (what the link to the file says) onto
    /// <paramref name="target"/>; a file whose content is plainly another format (a root element or classes of its
    /// own) is read as what it is, with a warning, as publishers' links are not always right.
    /// </summary>
    public static OcrParseOutcome Parse(ReadOnlySpan<byte> bytes, OcrFormat format, OcrTarget target, OcrParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Parse(bytes, format, OcrFormatSniffer.Sniff(bytes), target, options ?? OcrParserOptions.Default);
    }

    /// <summary>Parses <paramref name="bytes"/> as whichever OCR format <see cref="OcrFormatSniffer.Sniff"/> finds.</summary>
    public static OcrParseOutcome Parse(ReadOnlySpan<byte> bytes, OcrTarget target, OcrParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return OcrFormatSniffer.Sniff(bytes) is { } format
            ? Parse(bytes, format, format, target, options ?? OcrParserOptions.Default)
            : OcrParseOutcome.Rejected("not OCR: no ALTO or PAGE XML root element, no hOCR classes and no WebVTT signature");
    }

    /// <summary>Parses <paramref name="bytes"/>, linked as <paramref name="format"/>, whose content says <paramref name="sniffed"/>.</summary>
    private static OcrParseOutcome Parse(ReadOnlySpan<byte> bytes, OcrFormat format, OcrFormat? sniffed, OcrTarget target, OcrParserOptions options)
    {
        if (bytes.Length > options.MaxBytes)
        {
            return OcrParseOutcome.Rejected($"OCR file is {bytes.Length} bytes, over the limit of {options.MaxBytes}", format);
        }

        if (bytes.IsEmpty)
        {
            return OcrParseOutcome.Rejected("the OCR file is empty", format);
        }

        if (sniffed is { } other && other != format)
        {
            var outcome = Read(bytes, other, target, options);
            return outcome with { Warnings = [$"linked as {Name(format)} but the file is {Name(other)}; read as {Name(other)}", .. outcome.Warnings] };
        }

        return Read(bytes, format, target, options);
    }

    private static OcrParseOutcome Read(ReadOnlySpan<byte> bytes, OcrFormat format, OcrTarget target, OcrParserOptions options) => format switch
    {
        OcrFormat.Alto => AltoReader.Read(bytes, target, options),
        OcrFormat.Hocr => HocrReader.Read(bytes, target, options),
        OcrFormat.PageXml => PageXmlReader.Read(bytes, target, options),
        OcrFormat.WebVtt => WebVttReader.Read(bytes, target, options),
        _ => OcrParseOutcome.Rejected($"unknown OCR format {format}"),
    };

    private static string Name(OcrFormat format) => format switch
    {
        OcrFormat.Alto => "ALTO",
        OcrFormat.Hocr => "hOCR",
        OcrFormat.PageXml => "PAGE XML",
        OcrFormat.WebVtt => "WebVTT",
        _ => format.ToString(),
    };
}
