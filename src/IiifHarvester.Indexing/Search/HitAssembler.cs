using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Schema;
using Lucene.Net.Documents;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Turns hit offsets in a text document into hits over annotations: each hit is cut at line (annotation)
/// boundaries; a segment in a line with word boxes becomes an annotation of just the matched words with the union
/// of their boxes, any other segment points at its whole annotation (published id, text and region).
/// </summary>
internal sealed class HitAssembler
{
    private static readonly HashSet<string> StoredFields = new(StringComparer.Ordinal)
    {
        FieldNames.Text, FieldNames.Lines, FieldNames.Manifest, FieldNames.ManifestKey, FieldNames.ManifestLabel,
        FieldNames.Canvas, FieldNames.MotivationStored, FieldNames.Creator, FieldNames.Created, FieldNames.Language,
    };

    private readonly int _contextLength;
    private readonly List<HitAnnotation> _annotations = [];
    private readonly Dictionary<string, HitAnnotation> _byLocalId = new(StringComparer.Ordinal);

    public HitAssembler(int contextLength)
    {
        _contextLength = contextLength;
    }

    /// <summary>The annotations used so far, each once, in order of first use.</summary>
    public IReadOnlyList<HitAnnotation> Annotations => _annotations;

    public IEnumerable<SearchHit> Assemble(IndexSearcher searcher, int globalDoc, IEnumerable<TextSpan> hits)
    {
        var doc = searcher.Doc(globalDoc, StoredFields);
        var page = new StoredPage(doc);
        foreach (var hit in hits)
        {
            var assembled = AssembleOne(page, hit);
            if (assembled is not null)
            {
                yield return assembled;
            }
        }
    }

    private SearchHit? AssembleOne(StoredPage page, TextSpan hit)
    {
        var text = page.Text;
        var start = Math.Clamp(hit.StartOffset, 0, text.Length);
        var end = Math.Clamp(hit.EndOffset, start, text.Length);
        var segments = new List<HitSegment>();
        var lines = page.Layout.Lines;
        for (var i = FirstLineEndingAfter(lines, start); i < lines.Count && lines[i].Start < end; i++)
        {
            var line = lines[i];
            var segmentStart = Math.Max(start, line.Start);
            var segmentEnd = Math.Min(end, line.End);
            if (segmentStart >= segmentEnd)
            {
                continue;
            }

            var annotation = line.Words.Count > 0
                ? WordAnnotation(page, i, line, segmentStart, segmentEnd)
                : LineAnnotation(page, i, line);
            var prefix = ContextBefore(text, line.Start, segmentStart);
            var suffix = ContextAfter(text, segmentEnd, line.End);
            segments.Add(new HitSegment(Use(annotation), text[segmentStart..segmentEnd], prefix, suffix));
        }

        if (segments.Count == 0)
        {
            return null;
        }

        return new SearchHit(
            Flatten(text[start..end]),
            Flatten(ContextBefore(text, 0, start)),
            Flatten(ContextAfter(text, end, text.Length)),
            segments);
    }

    private HitAnnotation Use(HitAnnotation annotation)
    {
        if (_byLocalId.TryGetValue(annotation.LocalId, out var existing))
        {
            return existing;
        }

        _byLocalId[annotation.LocalId] = annotation;
        _annotations.Add(annotation);
        return annotation;
    }

    private static HitAnnotation LineAnnotation(StoredPage page, int index, PageLine line) =>
        page.NewAnnotation(
            line.Id,
            LocalId(page, $"line|{index}|{line.Id}|{page.Text.AsSpan(line.Start, line.Length)}"),
            page.Text.Substring(line.Start, line.Length),
            line.Region ?? page.WholeCanvas,
            line.Language);

    private static HitAnnotation WordAnnotation(StoredPage page, int index, PageLine line, int start, int end)
    {
        var relativeStart = start - line.Start;
        var relativeEnd = end - line.Start;
        Region? box = null;
        foreach (var word in line.Words)
        {
            if (word.Start < relativeEnd && word.Start + word.Length > relativeStart)
            {
                box = box is { } b ? b.Union(word.Region) : word.Region;
            }
        }

        return page.NewAnnotation(
            null,
            LocalId(page, $"words|{index}|{start}|{end}|{line.Id}"),
            page.Text[start..end],
            box ?? line.Region ?? page.WholeCanvas,
            line.Language);
    }

    private static string LocalId(StoredPage page, string detail) =>
        ResourceKey.For($"{page.ManifestUri}|{page.CanvasId}|{page.Motivation}|{page.Creator}|{page.CreatedMillis}|{detail}");

    private static int FirstLineEndingAfter(IReadOnlyList<PageLine> lines, int offset)
    {
        int low = 0, high = lines.Count - 1, answer = lines.Count;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (lines[mid].End > offset)
            {
                answer = mid;
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        return answer;
    }

    private string ContextBefore(string text, int floor, int start)
    {
        var from = Math.Max(floor, start - _contextLength);
        if (from > floor)
        {
            // Start at a word boundary rather than inside a word.
            var space = text.IndexOfAny([' ', TextDocumentBuilder.LineSeparator], from, start - from);
            from = space >= 0 ? space + 1 : from;
        }

        return text[from..start];
    }

    private string ContextAfter(string text, int end, int ceiling)
    {
        var to = Math.Min(ceiling, end + _contextLength);
        if (to < ceiling)
        {
            var space = text.LastIndexOfAny([' ', TextDocumentBuilder.LineSeparator], to - 1, to - end);
            to = space > end ? space : to;
        }

        return text[end..to];
    }

    private static string Flatten(string value) => value.Replace(TextDocumentBuilder.LineSeparator, ' ');

    private sealed class StoredPage
    {
        public StoredPage(Document doc)
        {
            Text = doc.Get(FieldNames.Text) ?? string.Empty;
            var bytes = doc.GetBinaryValue(FieldNames.Lines);
            Layout = bytes is null
                ? new PageLayout(null, null, [])
                : PageLayout.Decode(bytes.Bytes.AsMemory(bytes.Offset, bytes.Length));
            ManifestUri = doc.Get(FieldNames.Manifest) ?? string.Empty;
            ManifestKey = doc.Get(FieldNames.ManifestKey) ?? string.Empty;
            ManifestLabel = LanguageMapJson.Deserialize(doc.Get(FieldNames.ManifestLabel));
            CanvasId = doc.Get(FieldNames.Canvas) ?? string.Empty;
            Motivation = doc.Get(FieldNames.MotivationStored) ?? string.Empty;
            Creator = doc.Get(FieldNames.Creator);
            CreatedMillis = doc.GetField(FieldNames.Created)?.GetInt64Value();
            Language = doc.Get(FieldNames.Language);
            WholeCanvas = Layout is { CanvasWidth: { } w, CanvasHeight: { } h } ? new Region(0, 0, w, h) : null;
        }

        public string Text { get; }

        public PageLayout Layout { get; }

        public string ManifestUri { get; }

        public string ManifestKey { get; }

        public LanguageMap ManifestLabel { get; }

        public string CanvasId { get; }

        public string Motivation { get; }

        public string? Creator { get; }

        public long? CreatedMillis { get; }

        public string? Language { get; }

        public Region? WholeCanvas { get; }

        public HitAnnotation NewAnnotation(string? publishedId, string localId, string text, Region? region, string? language) => new()
        {
            PublishedId = publishedId,
            LocalId = localId,
            Text = text,
            Motivation = Motivation,
            Language = language ?? Language,
            CanvasId = CanvasId,
            Region = region,
            ManifestUri = ManifestUri,
            ManifestKey = ManifestKey,
            ManifestLabel = ManifestLabel,
            Creator = Creator,
            Created = CreatedMillis is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null,
        };
    }
}
