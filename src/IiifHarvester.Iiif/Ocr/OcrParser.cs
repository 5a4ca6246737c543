using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Turns ALTO (v2 to v4) and hOCR files into annotation records: one <c>supplementing</c> record per text line
/// with its words' boxes, scaled from the OCR page to the canvas. Pure; bad input is a rejected outcome, never
/// an exception.
/// </summary>
public static class OcrParser
{
    /// <summary>Parses <paramref name="bytes"/> as <paramref name="format"/> onto <paramref name="target"/>.</summary>
    public static OcrParseOutcome Parse(ReadOnlySpan<byte> bytes, OcrFormat format, OcrTarget target, OcrParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        options ??= OcrParserOptions.Default;
        if (bytes.Length > options.MaxBytes)
        {
            return OcrParseOutcome.Rejected($"OCR file is {bytes.Length} bytes, over the limit of {options.MaxBytes}", format);
        }

        if (bytes.IsEmpty)
        {
            return OcrParseOutcome.Rejected("the OCR file is empty", format);
        }

        return format switch
        {
            OcrFormat.Alto => AltoReader.Read(bytes, target, options),
            OcrFormat.Hocr => HocrReader.Read(bytes, target, options),
            _ => OcrParseOutcome.Rejected($"unknown OCR format {format}"),
        };
    }

    /// <summary>Parses <paramref name="bytes"/> as whichever OCR format <see cref="OcrFormatSniffer.Sniff"/> finds.</summary>
    public static OcrParseOutcome Parse(ReadOnlySpan<byte> bytes, OcrTarget target, OcrParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        return OcrFormatSniffer.Sniff(bytes) is { } format
            ? Parse(bytes, format, target, options)
            : OcrParseOutcome.Rejected("not OCR: neither an ALTO root element nor hOCR classes found");
    }
}
