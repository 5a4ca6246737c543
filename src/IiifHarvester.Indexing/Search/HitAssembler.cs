using System.Globalization;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Indexing.Schema;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Turns hit offsets in a text document into hits, each with an annotation of its own (Content Search 1.0 §3.4:
/// one hit, one annotation, so every viewer counts and highlights hits alike). The annotation's text is that of
/// the lines (published annotations) the hit lies in; its box is as narrow as the text allows: the union of the
/// matched words' boxes where OCR gave word boxes, otherwise for a transcription an estimate along its line from
/// the hit's character positions (a line box narrowed beats the whole line), otherwise the annotation's region.
/// The context before and after stays inside those lines, cut at word boundaries.
/// </summary>
internal sealed class HitAssembler
{
    private static readonly HashSet<string> StoredFields = new(StringComparer.Ordinal)
    {
        FieldNames.Text, FieldNames.Lines, FieldNames.Manifest, FieldNames.ManifestKey, FieldNames.ManifestLabel,
        FieldNames.Canvas, FieldNames.MotivationStored, FieldNames.Creator, FieldNames.Created, FieldNames.Language,
    };

    private readonly int _contextLength;
    private readonly Dictionary<int, BinaryDocValues?> _records = [];
    private readonly BytesRef _bytes = new();

    public HitAssembler(int contextLength)
    {
        _contextLength = contextLength;
    }

    /// <summary>The hits of one document, all assembled before this returns (the page record is read from a reused buffer).</summary>
    public List<SearchHit> Assemble(IndexSearcher searcher, int globalDoc, IEnumerable<TextSpan> hits)
    {
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(globalDoc, leaves)];
        var page = Read(leaf, globalDoc - leaf.DocBase);
        var assembled = new List<SearchHit>();
        foreach (var hit in hits)
        {
            if (AssembleOne(page, hit) is { } one)
            {
                assembled.Add(one);
            }
        }

        return assembled;
    }

    private PageRecord Read(AtomicReaderContext leaf, int doc)
    {
        if (!_records.TryGetValue(leaf.Ord, out var records))
        {
            records = leaf.AtomicReader.GetBinaryDocValues(FieldNames.Page);
            _records[leaf.Ord] = records;
        }

        if (records is not null)
        {
            records.Get(doc, _bytes);
            if (_bytes.Length > 0)
            {
                // Decoded from the doc values' own buffer, not a copy: the record (its word boxes are decoded from
                // that buffer on use) serves only this document's hits, all assembled before the next Get reuses it.
                return PageRecord.Decode(_bytes.Bytes, _bytes.Offset, _bytes.Length);
            }
        }

        // A text document written before the page record: its stored fields.
        return FromStoredFields(leaf.AtomicReader.Document(doc, StoredFields));
    }

    private static PageRecord FromStoredFields(Document doc)
    {
        var layout = doc.GetBinaryValue(FieldNames.Lines);
        return new PageRecord
        {
            Text = doc.Get(FieldNames.Text) ?? string.Empty,
            Layout = layout is null
                ? new PageLayout(null, null, [])
                : PageLayout.Decode(layout.Bytes.AsSpan(layout.Offset, layout.Length)),
            ManifestUri = doc.Get(FieldNames.Manifest) ?? string.Empty,
            ManifestKey = doc.Get(FieldNames.ManifestKey) ?? string.Empty,
            ManifestLabel = LanguageMapJson.Deserialize(doc.Get(FieldNames.ManifestLabel)),
            CanvasId = doc.Get(FieldNames.Canvas) ?? string.Empty,
            Motivation = doc.Get(FieldNames.MotivationStored) ?? string.Empty,
            Creator = doc.Get(FieldNames.Creator),
            CreatedMillis = doc.GetField(FieldNames.Created)?.GetInt64Value(),
            Language = doc.Get(FieldNames.Language),
        };
    }

    private SearchHit? AssembleOne(PageRecord page, TextSpan hit)
    {
        var text = page.Text;
        var start = Math.Clamp(hit.StartOffset, 0, text.Length);
        var end = Math.Clamp(hit.EndOffset, start, text.Length);
        var lines = page.Layout.Lines;
        var first = FirstLineEndingAfter(lines, start);
        if (first == lines.Count || StartOf(lines, first) >= end)
        {
            return null;
        }

        var last = first;
        Region? box = null;
        TimeRange? time = null;
        string? language = null;
        for (var i = first; i < lines.Count && StartOf(lines, i) < end; i++)
        {
            var segmentStart = Math.Max(start, StartOf(lines, i));
            var segmentEnd = Math.Min(end, EndOf(lines, i));
            if (segmentStart >= segmentEnd)
            {
                continue;
            }

            var line = lines[i];
            last = i;
            language ??= line.Language;
            if (line.Time is { } lineTime)
            {
                time = time is { } t ? t.Union(lineTime) : lineTime;
            }

            if (Box(page, line, segmentStart - line.Start, segmentEnd - line.Start) is { } segmentBox)
            {
                box = box is { } b ? b.Union(segmentBox) : segmentBox;
            }
        }

        // A word before a hyphen and line break the analysis drops ("ré‐" then "» pondu": nothing joins) ends, as
        // Lucene corrects offsets, after the break, at the next line's start: the hit ends on its own line.
        end = Math.Min(end, EndOf(lines, last));
        var annotation = NewAnnotation(
            page,
            LocalId(page, start, end),
            SnippetText.Flatten(text, StartOf(lines, first), EndOf(lines, last)),
            box ?? page.WholeCanvas,
            time,
            language);
        return new SearchHit(
            annotation,
            SnippetText.Flatten(text, start, end),
            SnippetText.Before(text, StartOf(lines, first), start, _contextLength),
            SnippetText.After(text, end, EndOf(lines, last), _contextLength));
    }

    /// <summary>The box of characters [<paramref name="start"/>, <paramref name="end"/>) of a line.</summary>
    private static Region? Box(PageRecord page, PageLine line, int start, int end)
    {
        if (line.Words.Count > 0)
        {
            Region? words = null;
            foreach (var word in line.Words)
            {
                if (word.Start < end && word.Start + word.Length > start)
                {
                    words = words is { } w ? w.Union(word.Region) : word.Region;
                }
            }

            if (words is not null)
            {
                return words;
            }
        }

        if (line.Region is not { } region || !page.IsTranscription || line.Length == 0 || (start == 0 && end == line.Length))
        {
            return line.Region;
        }

        // A line-level transcription: the text runs along the line's longer side (a tall box is a vertical line of
        // Chinese or Japanese), so the hit's share of the characters gives its share of that side.
        var from = (double)start / line.Length;
        var share = (double)(end - start) / line.Length;
        return region.Height > region.Width
            ? new Region(region.X, region.Y + (region.Height * from), region.Width, region.Height * share)
            : new Region(region.X + (region.Width * from), region.Y, region.Width * share, region.Height);
    }

    private static string LocalId(PageRecord page, int start, int end)
    {
        // The key of "manifest|canvas|motivation|creator|created|hit|start|end", composed on the stack.
        Span<char> buffer = stackalloc char[1024];
        return buffer.TryWrite(CultureInfo.InvariantCulture, $"{page.ManifestUri}|{page.CanvasId}|{page.Motivation}|{page.Creator}|{page.CreatedMillis}|hit|{start}|{end}", out var written)
            ? ResourceKey.For(buffer[..written])
            : ResourceKey.For(string.Create(CultureInfo.InvariantCulture, $"{page.ManifestUri}|{page.CanvasId}|{page.Motivation}|{page.Creator}|{page.CreatedMillis}|hit|{start}|{end}"));
    }

    // A line's extent without building the line where the record is still encoded.
    private static int StartOf(IReadOnlyList<PageLine> lines, int index) =>
        lines is EncodedPageLines encoded ? encoded.StartOf(index) : lines[index].Start;

    private static int EndOf(IReadOnlyList<PageLine> lines, int index) =>
        lines is EncodedPageLines encoded ? encoded.EndOf(index) : lines[index].End;

    /// <summary>
    /// The first line ending after <paramref name="offset"/>, or the line count, by halves (lines end in order).
    /// Lines still encoded are searched among those read as far as the first ending after the offset: a search over
    /// them all would read every line up to the middle of the page first.
    /// </summary>
    internal static int FirstLineEndingAfter(IReadOnlyList<PageLine> lines, int offset)
    {
        var searched = lines is EncodedPageLines encoded ? encoded.ReadPast(offset) : lines.Count;
        int low = 0, high = searched - 1, answer = lines.Count;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            if (EndOf(lines, mid) > offset)
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

    private static HitAnnotation NewAnnotation(PageRecord page, string localId, string text, Region? region, TimeRange? time, string? language) => new()
    {
        LocalId = localId,
        Text = text,
        Motivation = page.Motivation,
        Language = language ?? page.Language,
        CanvasId = page.CanvasId,
        Region = region,
        Time = time,
        ManifestUri = page.ManifestUri,
        ManifestKey = page.ManifestKey,
        ManifestLabel = page.ManifestLabel,
        Creator = page.Creator,
        Created = page.CreatedMillis is { } millis ? DateTimeOffset.FromUnixTimeMilliseconds(millis) : null,
    };
}
