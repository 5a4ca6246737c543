using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Tells ALTO from hOCR: from how a manifest links to the file (format and profile, as publishers write them),
/// or from the file's first bytes.
/// </summary>
public static class OcrFormatSniffer
{
    /// <summary>
    /// The OCR format a link points to, or null when it is not (recognisably) OCR: profile
    /// <c>http://www.loc.gov/standards/alto/...</c> or format <c>application/alto+xml</c> is ALTO; profile
    /// <c>http://kba.cloud/hocr-spec</c> (or the older kba.github.io one) or format <c>text/vnd.hocr+html</c> is hOCR.
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

        if (profile.Contains("standards/alto", StringComparison.OrdinalIgnoreCase) || profile.Contains("/alto/", StringComparison.OrdinalIgnoreCase)
            || format.Contains("alto", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.Alto;
        }

        // No profile: an XML file whose URI or label says ALTO.
        var label = link.Label.ToString();
        if (format.Contains("xml", StringComparison.OrdinalIgnoreCase)
            && (link.Id.Contains("alto", StringComparison.OrdinalIgnoreCase) || label.Contains("ALTO", StringComparison.Ordinal)))
        {
            return OcrFormat.Alto;
        }

        if (link.Id.EndsWith(".hocr", StringComparison.OrdinalIgnoreCase))
        {
            return OcrFormat.Hocr;
        }

        return null;
    }

    /// <summary>The format of an OCR file from its content (an <c>alto</c> root element, or hOCR class names); null when neither.</summary>
    public static OcrFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        var head = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        var text = Encoding.UTF8.GetString(head);
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
}
