using System.Buffers;
using System.Globalization;
using System.Xml;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>What the XML OCR readers (ALTO, PAGE XML) share: safe reader settings, a pooled stream, text and numbers.</summary>
internal static class OcrXml
{
    /// <summary>
    /// Reads <paramref name="bytes"/> (white space before the XML declaration aside) with <paramref name="read"/> through
    /// an <see cref="XmlReader"/> that ignores DTDs,
    /// never resolves an external resource, expands entities to at most 1,024 characters, and stops at twice
    /// <see cref="OcrParserOptions.MaxBytes"/> characters.
    /// </summary>
    public static OcrParseOutcome Read(ReadOnlySpan<byte> bytes, OcrParserOptions options, Func<XmlReader, OcrParseOutcome> read)
    {
        // XML allows nothing before the declaration, but servers that template their responses send a line break
        // there; the file is otherwise whole, so it is read rather than refused.
        bytes = bytes.TrimStart(" \t\r\n"u8);
        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            bytes.CopyTo(buffer);
            using var stream = new MemoryStream(buffer, 0, bytes.Length, writable: false);
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreWhitespace = true,
                IgnoreProcessingInstructions = true,
                MaxCharactersFromEntities = 1024,
                MaxCharactersInDocument = options.MaxBytes * 2,
            };
            using var reader = XmlReader.Create(stream, settings);
            return read(reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The text content of the element the reader is on, leaving the reader on its end.</summary>
    public static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var text = string.Empty;
        while (reader.Read() && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace)
        {
            text += reader.Value;
        }

        return text;
    }

    /// <summary>A finite number in invariant culture; null otherwise.</summary>
    public static double? Number(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d : null;
}
