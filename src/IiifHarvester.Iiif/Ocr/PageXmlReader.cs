using System.Globalization;
using System.Xml;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Ocr;

/// <summary>
/// Streams PAGE XML (PRImA's page content format, 2009-03-16 to 2019-07-15: what Transkribus, eScriptorium, OCR-D and
/// Kraken write). The <c>Page</c>'s <c>imageWidth</c>/<c>imageHeight</c> give the page size in pixels; each
/// <c>TextLine</c>, in whatever region holds it (text, table cell, nested), becomes a record. Its words are its
/// <c>Word</c>s with their <c>Coords</c> boxes when every word carries text; otherwise (HTR exports transcribe whole
/// lines) the line's own text, split at spaces, boxed by the line. Of several <c>TextEquiv</c>s the one of lowest
/// <c>index</c> is the text, as the schema says. Lines follow the page's <c>ReadingOrder</c> (groups nested or not)
/// where it names their region, then the rest in document order. <c>Coords</c> are read from <c>points</c> or, in
/// the 2009/2010 schemas, <c>Point</c> children; a polygon's box is its bounding box. DTDs are ignored and no external
/// resource is ever resolved.
/// </summary>
internal static class PageXmlReader
{
    public static OcrParseOutcome Read(ReadOnlySpan<byte> bytes, OcrTarget target, OcrParserOptions options) =>
        OcrXml.Read(bytes, options, reader => Read(reader, target, options));

    private static OcrParseOutcome Read(XmlReader reader, OcrTarget target, OcrParserOptions options)
    {
        var warnings = new List<string>();
        var lines = new List<(string[] Regions, AnnotationRecord Record)>();
        var names = new string[options.MaxDepth + 2];
        var regions = new List<(int Depth, string? Id, string? Language)>();
        Dictionary<string, int[]>? readingOrder = null;
        (double X, double Y) scale = (1, 1);
        (double, double)? pageSize = null;
        var sawRoot = false;
        var sawPage = false;
        Line? line = null;
        Word? word = null;
        Polygon? points = null;
        try
        {
            while (reader.Read())
            {
                if (reader.Depth > options.MaxDepth)
                {
                    return OcrParseOutcome.Rejected($"PAGE XML nests deeper than {options.MaxDepth} elements", OcrFormat.PageXml, warnings);
                }

                if (reader.NodeType == XmlNodeType.EndElement)
                {
                    switch (reader.LocalName)
                    {
                        case "Word" when word is not null && line is not null && reader.Depth == word.Depth:
                            line.Words.Add(word);
                            word = null;
                            break;
                        case "TextLine" when line is not null && reader.Depth == line.Depth:
                            if (!Finish(line, target, scale, regions, lines, options, warnings))
                            {
                                return Outcome(lines, readingOrder, pageSize, warnings);
                            }

                            line = null;
                            word = null;
                            break;
                        case var name when name.EndsWith("Region", StringComparison.Ordinal) && regions.Count > 0 && regions[^1].Depth == reader.Depth:
                            regions.RemoveAt(regions.Count - 1);
                            break;
                    }

                    continue;
                }

                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var depth = reader.Depth;
                names[depth] = reader.LocalName;
                var parent = depth > 0 ? names[depth - 1] : null;
                if (!sawRoot)
                {
                    if (reader.LocalName != "PcGts")
                    {
                        return OcrParseOutcome.Rejected($"not PAGE XML: the root element is <{reader.Name}>", OcrFormat.PageXml);
                    }

                    sawRoot = true;
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "Page" when !sawPage:
                        // The schema allows one Page in a PcGts.
                        sawPage = true;
                        var width = OcrXml.Number(reader.GetAttribute("imageWidth"));
                        var height = OcrXml.Number(reader.GetAttribute("imageHeight"));
                        pageSize = width is > 0 && height is > 0 ? (width.Value, height.Value) : null;
                        scale = OcrScale.Of(width, height, target, "pixel", warnings);
                        break;
                    case "ReadingOrder" when !reader.IsEmptyElement:
                        readingOrder ??= ReadOrder(reader.ReadSubtree());
                        break;
                    case "TextLine" when !reader.IsEmptyElement:
                        line = new Line(depth, reader.GetAttribute("primaryLanguage"));
                        break;
                    case "Word" when line is not null && !reader.IsEmptyElement:
                        word = new Word(depth);
                        break;
                    case "Coords":
                        points = Owner(parent, line, word, depth);
                        if (points is not null && reader.GetAttribute("points") is { } list)
                        {
                            points.AddPoints(list);
                        }

                        break;
                    case "Point" when points is not null && parent == "Coords":
                        points.Add(OcrXml.Number(reader.GetAttribute("x")), OcrXml.Number(reader.GetAttribute("y")));
                        break;
                    case "TextEquiv":
                        var owner = parent == "Word" && word is not null ? word.Text : parent == "TextLine" && line is not null ? line.Text : null;
                        owner?.Start(reader.GetAttribute("index"));
                        break;
                    case "Unicode" when parent == "TextEquiv" && depth >= 2:
                        var text = OcrXml.ReadText(reader);
                        var grandparent = names[depth - 2];
                        (grandparent == "Word" && word is not null ? word.Text : grandparent == "TextLine" && line is not null ? line.Text : null)?.Offer(text);
                        break;
                    case var name when name.EndsWith("Region", StringComparison.Ordinal) && !reader.IsEmptyElement && line is null:
                        regions.Add((depth, reader.GetAttribute("id"), reader.GetAttribute("primaryLanguage")));
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            if (lines.Count == 0)
            {
                return OcrParseOutcome.Rejected($"not well-formed XML: {ex.Message}", OcrFormat.PageXml, warnings);
            }

            warnings.Add($"the XML breaks off ({ex.Message}); the {lines.Count} lines before are kept");
        }

        if (!sawRoot)
        {
            return OcrParseOutcome.Rejected("not PAGE XML: no root element", OcrFormat.PageXml, warnings);
        }

        return Outcome(lines, readingOrder, pageSize, warnings);
    }

    private static OcrParseOutcome Outcome(List<(string[] Regions, AnnotationRecord Record)> lines, Dictionary<string, int[]>? readingOrder, (double, double)? pageSize, List<string> warnings)
    {
        // Lines whose region (or the nearest enclosing region) the reading order names come first, in its order; the
        // rest keep the document's. The sort is stable.
        var ordered = lines
            .Select(l => (Order: OrderOf(l.Regions, readingOrder), l.Record))
            .OrderBy(l => l.Order, OrderComparer.Instance)
            .Select(l => l.Record)
            .ToList();
        return new OcrParseOutcome { Format = OcrFormat.PageXml, Records = ordered, PageSize = pageSize, Warnings = warnings };
    }

    private static bool Finish(
        Line line,
        OcrTarget target,
        (double X, double Y) scale,
        List<(int Depth, string? Id, string? Language)> regions,
        List<(string[] Regions, AnnotationRecord Record)> lines,
        OcrParserOptions options,
        List<string> warnings)
    {
        var ocr = new OcrLine { Box = line.Box.Region };
        var language = line.Language;
        var enclosing = new List<string>(regions.Count);
        for (var i = regions.Count - 1; i >= 0; i--)
        {
            language ??= regions[i].Language;
            if (regions[i].Id is { } id)
            {
                enclosing.Add(id);
            }
        }

        ocr.Language = Parsing.LanguageTags.OfText(language);
        if (line.Words.Count > 0 && line.Words.TrueForAll(w => !string.IsNullOrWhiteSpace(w.Text.Value)))
        {
            foreach (var w in line.Words)
            {
                ocr.AddWord(w.Text.Value!, w.Box.Region);
            }
        }
        else if (line.Text.Value is { } text)
        {
            // No word-level text (an HTR export): the line's own, without word boxes; a hit is boxed by the line.
            foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                ocr.AddWord(token, null);
            }
        }

        if (ocr.Build(target, scale.X, scale.Y) is not { } record)
        {
            return true;
        }

        if (lines.Count >= options.MaxLines)
        {
            warnings.Add($"more than {options.MaxLines} lines; the rest were dropped");
            return false;
        }

        lines.Add(([.. enclosing], record));
        return true;
    }

    /// <summary>The reading-order place of the nearest of <paramref name="regions"/> (innermost first) that the order names.</summary>
    private static int[]? OrderOf(string[] regions, Dictionary<string, int[]>? readingOrder)
    {
        if (readingOrder is not null)
        {
            foreach (var id in regions)
            {
                if (readingOrder.TryGetValue(id, out var path))
                {
                    return path;
                }
            }
        }

        return null;
    }

    /// <summary>The polygon a <c>Coords</c> belongs to: its parent's, when that is the line or word being read.</summary>
    private static Polygon? Owner(string? parent, Line? line, Word? word, int depth) => parent switch
    {
        "Word" when word is not null && depth == word.Depth + 1 => word.Box,
        "TextLine" when line is not null && depth == line.Depth + 1 => line.Box,
        _ => null,
    };

    /// <summary>
    /// Each region a <c>ReadingOrder</c> names, with its place as a path of positions through the nested groups: the
    /// <c>index</c> in an ordered group, the document position in an unordered one.
    /// </summary>
    private static Dictionary<string, int[]> ReadOrder(XmlReader subtree)
    {
        var order = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var stack = new List<(int Depth, int[] Path, int Children)>();
        using (subtree)
        {
            while (subtree.Read())
            {
                if (subtree.NodeType != XmlNodeType.Element || subtree.Depth == 0)
                {
                    continue;
                }

                while (stack.Count > 0 && stack[^1].Depth >= subtree.Depth)
                {
                    stack.RemoveAt(stack.Count - 1);
                }

                var (parentPath, position) = (Array.Empty<int>(), 0);
                if (stack.Count > 0)
                {
                    var top = stack[^1];
                    parentPath = top.Path;
                    position = top.Children;
                    stack[^1] = top with { Children = top.Children + 1 };
                }

                if (int.TryParse(subtree.GetAttribute("index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0)
                {
                    position = index;
                }

                int[] path = [.. parentPath, position];
                if (subtree.GetAttribute("regionRef") is { Length: > 0 } region)
                {
                    order.TryAdd(region, path);
                }

                if (!subtree.IsEmptyElement)
                {
                    stack.Add((subtree.Depth, path, 0));
                }
            }
        }

        return order;
    }

    private sealed class Line(int depth, string? language)
    {
        public int Depth { get; } = depth;

        public string? Language { get; } = language;

        public Polygon Box { get; } = new();

        public TextChoice Text { get; } = new();

        public List<Word> Words { get; } = [];
    }

    private sealed class Word(int depth)
    {
        public int Depth { get; } = depth;

        public Polygon Box { get; } = new();

        public TextChoice Text { get; } = new();
    }

    /// <summary>The text of the <c>TextEquiv</c> of lowest <c>index</c> (the first, where none has one).</summary>
    private sealed class TextChoice
    {
        private int _bestIndex = int.MaxValue;
        private int _currentIndex;
        private bool _chosen;

        public string? Value { get; private set; }

        public void Start(string? index) =>
            _currentIndex = int.TryParse(index, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : int.MaxValue - 1;

        public void Offer(string text)
        {
            if (!_chosen || _currentIndex < _bestIndex)
            {
                Value = text.Trim();
                _bestIndex = _currentIndex;
                _chosen = true;
            }
        }
    }

    /// <summary>The bounding box of a polygon's points, clipped at 0; points that are not numbers are skipped.</summary>
    private sealed class Polygon
    {
        private double _minX = double.MaxValue;
        private double _minY = double.MaxValue;
        private double _maxX = double.MinValue;
        private double _maxY = double.MinValue;

        public Region? Region => _maxX >= _minX && _maxY >= _minY ? new Region(_minX, _minY, _maxX - _minX, _maxY - _minY) : null;

        /// <summary>Adds the points of a <c>points</c> attribute: "x1,y1 x2,y2 ...".</summary>
        public void AddPoints(string list)
        {
            foreach (var pair in list.AsSpan().Split(' '))
            {
                var text = list.AsSpan()[pair].Trim();
                var comma = text.IndexOf(',');
                if (comma > 0
                    && double.TryParse(text[..comma], NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                    && double.TryParse(text[(comma + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var y))
                {
                    Add(x, y);
                }
            }
        }

        public void Add(double? x, double? y)
        {
            if (x is not { } px || y is not { } py || !double.IsFinite(px) || !double.IsFinite(py))
            {
                return;
            }

            px = Math.Max(0, px);
            py = Math.Max(0, py);
            (_minX, _maxX) = (Math.Min(_minX, px), Math.Max(_maxX, px));
            (_minY, _maxY) = (Math.Min(_minY, py), Math.Max(_maxY, py));
        }
    }

    private sealed class OrderComparer : IComparer<int[]?>
    {
        public static readonly OrderComparer Instance = new();

        public int Compare(int[]? x, int[]? y)
        {
            // A place in the order comes before none.
            if (x is null || y is null)
            {
                return (x is null).CompareTo(y is null);
            }

            for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
            {
                if (x[i] != y[i])
                {
                    return x[i].CompareTo(y[i]);
                }
            }

            return x.Length.CompareTo(y.Length);
        }
    }
}
