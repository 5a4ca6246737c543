using System.Xml;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Streams ALTO XML (v1 to v4: element names are the same, namespaces differ): <c>Page</c> sizes,
/// <c>TextLine</c>s of <c>String</c>s with <c>HPOS/VPOS/WIDTH/HEIGHT</c>, <c>HYP</c> hyphens, <c>LANG</c>, and the
/// <c>MeasurementUnit</c> (pixel, mm10, inch1200). DTDs are ignored and no external resource is ever resolved.
/// </summary>
internal static class AltoReader
{
    public static OcrParseOutcome Read(ReadOnlySpan<byte> bytes, OcrTarget target, OcrParserOptions options) =>
        OcrXml.Read(bytes, options, reader => Read(reader, target, options));

    private static OcrParseOutcome Read(XmlReader reader, OcrTarget target, OcrParserOptions options)
    {
        var warnings = new List<string>();
        var records = new List<AnnotationRecord>();
        var unit = "pixel";
        var sawRoot = false;
        var explicitSpaces = false;
        var spaced = true;
        var previous = string.Empty;
        (double X, double Y) scale = (1, 1);
        (double, double)? pageSize = null;
        string? blockLanguage = null;
        OcrLine? line = null;
        try
        {
            while (reader.Read())
            {
                if (reader.Depth > options.MaxDepth)
                {
                    return OcrParseOutcome.Rejected($"ALTO nests deeper than {options.MaxDepth} elements", OcrFormat.Alto, warnings);
                }

                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    if (reader.LocalName == "TextLine" && line is not null)
                    {
                        if (!Finish(line, target, scale, records, options, warnings))
                        {
                            break;
                        }

                        line = null;
                    }

                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (!sawRoot)
                {
                    if (reader.LocalName != "alto")
                    {
                        return OcrParseOutcome.Rejected($"not ALTO: the root element is <{reader.Name}>", OcrFormat.Alto);
                    }

                    sawRoot = true;
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "MeasurementUnit":
                        unit = OcrXml.ReadText(reader).Trim().ToLowerInvariant();
                        if (unit is not ("pixel" or "mm10" or "inch1200"))
                        {
                            warnings.Add($"unknown MeasurementUnit \"{unit}\"; read as pixel");
                            unit = "pixel";
                        }

                        break;
                    case "Page":
                        var width = Number(reader, "WIDTH");
                        var height = Number(reader, "HEIGHT");
                        pageSize = width is > 0 && height is > 0 ? (width.Value, height.Value) : pageSize;
                        scale = OcrScale.Of(width, height, target, unit, warnings);
                        break;
                    case "TextBlock":
                        blockLanguage = reader.GetAttribute("LANG") ?? reader.GetAttribute("lang");
                        break;
                    case "TextLine":
                        spaced = true;
                        previous = string.Empty;
                        line = new OcrLine
                        {
                            Box = Box(reader),
                            Language = Language(reader.GetAttribute("LANG") ?? blockLanguage),
                        };
                        if (reader.IsEmptyElement)
                        {
                            line = null;
                        }

                        break;
                    case "SP":
                        explicitSpaces = true;
                        spaced = true;
                        break;
                    case "String" when line is not null:
                        // ALTO marks spaces with SP: in a file that does, two Strings with no SP between them are one
                        // word ("Mubarak", "-", "Regimes"). Files that never write SP get a space between all Strings,
                        // and so do two words: Chronicling America's iArchives files leave out some SPs ("AND" "STOCKS").
                        var content = (reader.GetAttribute("CONTENT") ?? string.Empty).Trim();
                        line.AddWord(content, Box(reader), joined: explicitSpaces && !spaced && JoinsAtPunctuation(previous, content));
                        if (content.Length > 0)
                        {
                            spaced = false;
                            previous = content;
                        }

                        break;
                    case "HYP" when line is not null:
                        line.AppendToLastWord(Hyphen(reader.GetAttribute("CONTENT")));
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            if (records.Count == 0)
            {
                return OcrParseOutcome.Rejected($"not well-formed XML: {ex.Message}", OcrFormat.Alto, warnings);
            }

            warnings.Add($"the XML breaks off ({ex.Message}); the {records.Count} lines before are kept");
        }

        if (!sawRoot)
        {
            return OcrParseOutcome.Rejected("not ALTO: no root element", OcrFormat.Alto, warnings);
        }

        return new OcrParseOutcome { Format = OcrFormat.Alto, Records = records, PageSize = pageSize, Warnings = warnings };
    }

    private static bool Finish(OcrLine line, OcrTarget target, (double X, double Y) scale, List<AnnotationRecord> records, OcrParserOptions options, List<string> warnings)
    {
        if (line.Build(target, scale.X, scale.Y) is not { } record)
        {
            return true;
        }

        if (records.Count >= options.MaxLines)
        {
            warnings.Add($"more than {options.MaxLines} lines; the rest were dropped");
            return false;
        }

        records.Add(record);
        return true;
    }

    /// <summary>Whether the last character of <paramref name="previous"/> or the first of <paramref name="next"/> is no letter or digit.</summary>
    private static bool JoinsAtPunctuation(string previous, string next) =>
        previous.Length > 0 && next.Length > 0 && (!char.IsLetterOrDigit(previous[^1]) || !char.IsLetterOrDigit(next[0]));

    /// <summary>
    /// The text of a <c>HYP</c>: by ALTO's definition a hyphenation mark at a line's end, whatever character it shows.
    /// A plain hyphen (or none given) becomes U+2010 HYPHEN, which looks the same but, unlike "-", says that the word
    /// runs on into the next line, so the index joins the two parts; a soft hyphen or a Fraktur ¬ stays as it is.
    /// </summary>
    private static string Hyphen(string? content) => content?.Trim() switch
    {
        null or "" or "-" or "=" or "\u2E17" => "\u2010",
        var other => other,
    };

    private static Region? Box(XmlReader reader)
    {
        var x = Number(reader, "HPOS");
        var y = Number(reader, "VPOS");
        var w = Number(reader, "WIDTH");
        var h = Number(reader, "HEIGHT");
        return x is >= 0 && y is >= 0 && w is >= 0 && h is >= 0 ? new Region(x.Value, y.Value, w.Value, h.Value) : null;
    }

    private static double? Number(XmlReader reader, string name) => OcrXml.Number(reader.GetAttribute(name));

    private static string? Language(string? lang) => Parsing.LanguageTags.OfText(lang);
}
