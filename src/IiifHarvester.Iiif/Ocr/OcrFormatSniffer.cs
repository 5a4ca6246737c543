using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Tells ALTO, hOCR and PAGE XML apart: from how a manifest links to the file (format and profile, as publishers write them),
/// or from the file's first bytes.
/// </summary>
public static class OcrFormatSniffer
{
    /// <summary>
    /// The OCR format a link points to, or null when it is not (recognisably) OCR: profile
    /// <c>http://www.loc.gov/standards/alto/...</c> or format <c>application/alto+xml</c> is ALTO; profile
    /// <c>http://kba.cloud/hocr-spec</c> (or the older kba.github.io one) or format <c>text/vnd.hocr+html</c> is hOCR;
    /// profile <c>http://schema.primaresearch.org/PAGE/gts/pagecontent/...</c> or format
    /// <c>application/vnd.prima.page+xml</c> (OCR-D's media type) is PAGE XML.
    /// </summary>
    public static OcrFormat? Classify(LinkedResource link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var profile = link.Profile ?? string.Empty;
        var format = link.Format ?? string.Empty;
        if (profile.Contains("hocr", StringComparison.OrdinalIgnoreCase) || format.Contains("hocr", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.Hocr;
        }

        if (format.Contains("text/vtt", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.WebVtt;
        }

        if (profile.Contains("primaresearch.org/PAGE", StringComparison.OrdinalIgnoreCase) || format.Contains("prima.page", StringComparison.OrdinalIgnoreCase)
            || format.Contains("page+xml", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.PageXml;
        }

        if (profile.Contains("standards/alto", StringComparison.OrdinalIgnoreCase) || profile.Contains("/alto/", StringComparison.OrdinalIgnoreCase)
            || format.Contains("alto", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.Alto;
        }

        // No profile: an XML file whose URI or label says ALTO or PAGE XML.
        var label = link.Label.ToString();
        if (format.Contains("xml", StringComparison.OrdinalIgnoreCase))
        {
            if (link.Id.Contains("alto", StringComparison.OrdinalIgnoreCase) || label.Contains("ALTO", StringComparison.Ordinal))
            {
                return OcrFormat.Alto;
            }

            if (SaysPageXml(link.Id) || SaysPageXml(label))
            {
                return OcrFormat.PageXml;
            }
        }

        if (link.Id.EndsWith(".hocr", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.Hocr;
        }

        // No format: a caption file named as one (the query string aside).
        if (format.Length == 0 && link.Id.AsSpan()[..(link.Id.IndexOf('?') is var q and >= 0 ? q : link.Id.Length)].EndsWith(".vtt", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.WebVtt;
        }

        return null;
    }

    /// <summary>
    /// The format of an OCR file from its content (an <c>alto</c> or <c>PcGts</c> root element, hOCR class names, or
    /// the <c>WEBVTT</c> signature); null when none.
    /// </summary>
    public static OcrFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        var text = EncodingOf(head).GetString(head);
        if (text.AsSpan().TrimStart('\uFEFF').StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            return OcrFormat.WebVtt;
        }

        if (RootIs(text, "PcGts"))
        {
            return OcrFormat.PageXml;
        }

        var alto = text.IndexOf("<alto", StringComparison.OrdinalIgnoreCase);
        if (alto < 0)
        {
            alto = text.IndexOf(":alto ", StringComparison.OrdinalIgnoreCase);
        }

        var hocr = text.IndexOf("ocr_page", StringComparison.Ordinal);
        if (hocr < 0)
        {
            hocr = text.IndexOf("ocrx_word", StringComparison.Ordinal);
        }

        if (hocr < 0)
        {
            hocr = text.IndexOf("ocr_line", StringComparison.Ordinal);
        }

        return (alto, hocr) switch
        {
            ( >= 0, < 0) => OcrFormat.Alto,
            ( < 0, >= 0) => OcrFormat.Hocr,
            ( >= 0, >= 0) => alto < hocr ? OcrFormat.Alto : OcrFormat.Hocr,
            _ => null,
        };
    }

    /// <summary>
    /// UTF-16 by its byte order mark, or by an XML declaration or root written in it (XML 1.0 Appendix F: <c>3C 00</c>
    /// or <c>00 3C</c>); else UTF-8, which a legacy single-byte encoding's markup reads as too.
    /// </summary>
    private static Encoding EncodingOf(ReadOnlySpan<byte> head) => head switch
    {
        [0xFF, 0xFE, ..] or [(byte)'<', 0, _, 0, ..] => Encoding.Unicode,
        [0xFE, 0xFF, ..] or [0, (byte)'<', 0, _, ..] => Encoding.BigEndianUnicode,
        _ => Encoding.UTF8,
    };

    /// <summary>"PAGE XML", "page-xml", "pagexml" or "page_xml", in any case.</summary>
    private static bool SaysPageXml(string text)
    {
        for (var at = text.IndexOf("page", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("page", at + 4, StringComparison.OrdinalIgnoreCase))
        {
            var rest = text.AsSpan(at + 4);
            if (rest.Length > 0 && rest[0] is ' ' or '-' or '_')
            {
                rest = rest[1..];
            }

            if (rest.StartsWith("xml", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the first element of <paramref name="text"/> is <paramref name="name"/>, with or without a prefix.</summary>
    private static bool RootIs(string text, string name)
    {
        var at = 0;
        while ((at = text.IndexOf('<', at)) >= 0 && at + 1 < text.Length)
        {
            var next = text[at + 1];
            if (next is '?' or '!')
            {
                at++;
                continue;
            }

            var end = at + 1;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('>' or '/'))
            {
                end++;
            }

            var element = text.AsSpan(at + 1, end - at - 1);
            var colon = element.IndexOf(':');
            return element[(colon + 1)..].SequenceEqual(name);
        }

        return false;
    }
}
