using System.Buffers;
using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Reads hOCR 1.2 (kba.cloud/hocr-spec) through AngleSharp: <c>ocr_page</c> bounding boxes give the page size;
/// each <c>ocr_line</c> (or <c>ocr_header</c>, <c>ocr_caption</c>, <c>ocr_textfloat</c>, <c>ocrx_line</c>) becomes a
/// record whose words are its <c>ocrx_word</c>s, with <c>bbox</c> from the <c>title</c> properties.
/// </summary>
internal static class HocrReader
{
    private const string LineSelector = ".ocr_line, .ocrx_line, .ocr_header, .ocr_caption, .ocr_textfloat";

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    public static OcrParseOutcome Read(ReadOnlySpan<byte> bytes, OcrTarget target, OcrParserOptions options)
    {
        // The tree walk of a hostile file must not overflow the stack: refuse nesting deeper than the bound.
        if (MarkupDepth.Exceeds(bytes, options.MaxDepth))
        {
            return OcrParseOutcome.Rejected($"hOCR nests deeper than {options.MaxDepth} elements", OcrFormat.Hocr);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(bytes.Length);
        IDocument document;
        try
        {
            bytes.CopyTo(buffer);
            using var stream = new MemoryStream(buffer, 0, bytes.Length, writable: false);
            document = Parser.ParseDocument(stream);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        using (document)
        {
            var warnings = new List<string>();
            var records = new List<AnnotationRecord>();
            var pages = document.QuerySelectorAll(".ocr_page");
            if (pages.Length == 0 && document.QuerySelector(".ocrx_word, " + LineSelector) is null)
            {
                return OcrParseOutcome.Rejected("not hOCR: no ocr_page, ocr_line or ocrx_word elements", OcrFormat.Hocr);
            }

            (double, double)? pageSize = null;
            IEnumerable<IElement> scopes = pages.Length > 0 ? pages : [document.DocumentElement];
            foreach (var page in scopes)
            {
                var pageBox = BBox(page);
                if (pageBox is { } pb)
                {
                    pageSize ??= (pb.Width, pb.Height);
                }

                var scale = OcrScale.Of(pageBox?.Width, pageBox?.Height, target, "pixel", warnings);
                var origin = pageBox is { } p ? (p.X, p.Y) : (0d, 0d);
                foreach (var lineElement in page.QuerySelectorAll(LineSelector))
                {
                    if (lineElement.QuerySelector(LineSelector) is not null)
                    {
                        // A float or block holding lines: its lines are read on their own.
                        continue;
                    }

                    var line = new OcrLine { Box = Offset(BBox(lineElement), origin), Language = Language(lineElement) };
                    var words = lineElement.QuerySelectorAll(".ocrx_word");
                    if (words.Length == 0)
                    {
                        line.AddWord(lineElement.TextContent, null);
                    }

                    foreach (var word in words)
                    {
                        line.AddWord(WordText(word), Offset(BBox(word), origin));
                    }

                    if (words.Length > 0)
                    {
                        // ABBYY's hOCR writes the hyphen of a word broken over two lines (a &shy;) after the word's span.
                        line.AppendToLastWord(TextAfter(words[^1], lineElement));
                    }

                    if (line.Build(target, scale.X, scale.Y) is { } record)
                    {
                        if (records.Count >= options.MaxLines)
                        {
                            warnings.Add($"more than {options.MaxLines} lines; the rest were dropped");
                            break;
                        }

                        records.Add(record);
                    }
                }
            }

            return new OcrParseOutcome { Format = OcrFormat.Hocr, Records = records, PageSize = pageSize, Warnings = warnings };
        }
    }

    /// <summary>
    /// A word's text: its text nodes, each trimmed, so the whitespace that only lays out child elements is no part of
    /// the word (Tesseract's <c>hocr_char_boxes</c> puts each <c>ocrx_cinfo</c> character on a line of its own).
    /// </summary>
    private static string WordText(IElement word)
    {
        var text = new StringBuilder();
        foreach (var node in word.GetDescendants().OfType<IText>())
        {
            if (!IsAlternative(node, word))
            {
                text.Append(node.Data.Trim());
            }
        }

        return text.ToString();
    }

    /// <summary>The text that follows <paramref name="word"/> within <paramref name="line"/>.</summary>
    private static string TextAfter(IElement word, IElement line)
    {
        var text = new StringBuilder();
        for (INode node = word; node != line && node.Parent is not null; node = node.Parent)
        {
            for (var sibling = node.NextSibling; sibling is not null; sibling = sibling.NextSibling)
            {
                text.Append(sibling.TextContent.Trim());
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Whether a text node is an alternative reading rather than the word's text: Tesseract's <c>lstm_choice_mode</c>
    /// writes them inside an <c>ocr_symbol</c> span, or as <c>ocrx_cinfo</c> spans nested in another <c>ocrx_cinfo</c>.
    /// </summary>
    private static bool IsAlternative(INode node, IElement word)
    {
        var characterInfos = 0;
        for (var e = node.ParentElement; e is not null && e != word; e = e.ParentElement)
        {
            if (e.ClassList.Contains("ocr_symbol") || (e.ClassList.Contains("ocrx_cinfo") && ++characterInfos > 1))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The <c>bbox x0 y0 x1 y1</c> property of an element's title (hOCR 1.2 §"bbox").</summary>
    private static Region? BBox(IElement element)
    {
        var title = element.GetAttribute("title");
        if (title is null)
        {
            return null;
        }

        foreach (var property in title.Split(';', StringSplitOptions.TrimEntries))
        {
            if (!property.StartsWith("bbox ", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = property.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 5
                && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var x0)
                && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var y0)
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var x1)
                && double.TryParse(parts[4], NumberStyles.Float, CultureInfo.InvariantCulture, out var y1)
                && x1 >= x0 && y1 >= y0 && double.IsFinite(x1) && double.IsFinite(y1))
            {
                return new Region(x0, y0, x1 - x0, y1 - y0);
            }
        }

        return null;
    }

    private static Region? Offset(Region? region, (double X, double Y) origin) =>
        region is { } r ? new Region(r.X - origin.X, r.Y - origin.Y, r.Width, r.Height) : null;

    /// <summary>
    /// The <c>lang</c> of the element or its nearest ancestor below <c>&lt;html&gt;</c>: Tesseract, OCRopus and
    /// gcv2hocr write <c>lang="en"</c> on <c>&lt;html&gt;</c> whatever language they read, so it says nothing.
    /// </summary>
    private static string? Language(IElement element)
    {
        for (var e = element; e is not null && e != e.Owner?.DocumentElement; e = e.ParentElement)
        {
            var lang = e.GetAttribute("lang") ?? e.GetAttribute("xml:lang");
            if (!string.IsNullOrWhiteSpace(lang))
            {
                return Parsing.LanguageTags.OfText(lang);
            }
        }

        return null;
    }
}
