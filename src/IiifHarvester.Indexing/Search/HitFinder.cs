using IiifHarvester.Indexing.Querying;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Finds where a query matched inside each matching text document from the postings of the query's own terms
/// (positions and offsets are indexed), without term vectors or re-analysis. Matches of different query parts
/// that touch (adjacent positions) or overlap become one hit, so <c>hand is</c> over "...in the hand / is worth..."
/// is one hit running across two lines. A hit holding every part of the query in order is a phrase hit, which
/// answers list first.
/// </summary>
internal sealed class HitFinder
{
    private readonly IReadOnlyList<CompiledPart> _parts;
    private readonly List<QueryTerm> _terms = [];
    private readonly int[][][] _termIndexes;
    private readonly List<Occurrence>[] _occurrences;
    private readonly List<TextSpan> _merged = [];
    private int[] _order = new int[16];

    public HitFinder(IReadOnlyList<CompiledPart> parts)
    {
        _parts = parts;
        var index = new Dictionary<(string, string), int>();
        _termIndexes = new int[parts.Count][][];
        for (var p = 0; p < parts.Count; p++)
        {
            var alternatives = parts[p].Alternatives;
            _termIndexes[p] = new int[alternatives.Count][];
            for (var a = 0; a < alternatives.Count; a++)
            {
                var terms = alternatives[a].Terms;
                _termIndexes[p][a] = new int[terms.Count];
                for (var t = 0; t < terms.Count; t++)
                {
                    var key = (terms[t].Field, terms[t].Bytes.Utf8ToString());
                    if (!index.TryGetValue(key, out var i))
                    {
                        i = _terms.Count;
                        index[key] = i;
                        _terms.Add(terms[t]);
                    }

                    _termIndexes[p][a][t] = i;
                }
            }
        }

        _occurrences = new List<Occurrence>[_terms.Count];
        for (var i = 0; i < _occurrences.Length; i++)
        {
            _occurrences[i] = [];
        }
    }

    /// <summary>
    /// Calls <paramref name="onDocument"/> with the hits of each of <paramref name="docs"/> (ascending) in turn, in a
    /// list reused from document to document: copy what is kept.
    /// </summary>
    public void FindInLeaf(AtomicReaderContext leaf, IReadOnlyList<int> docs, Action<int, List<TextSpan>> onDocument)
    {
        if (docs.Count == 0)
        {
            return;
        }

        var enums = new DocsAndPositionsEnum?[_terms.Count];
        var termsEnums = new Dictionary<string, TermsEnum?>(StringComparer.Ordinal);
        for (var i = 0; i < _terms.Count; i++)
        {
            var term = _terms[i];
            if (!termsEnums.TryGetValue(term.Field, out var termsEnum))
            {
                termsEnum = leaf.AtomicReader.GetTerms(term.Field)?.GetEnumerator();
                termsEnums[term.Field] = termsEnum;
            }

            if (termsEnum is not null && termsEnum.SeekExact(term.Bytes))
            {
                enums[i] = termsEnum.DocsAndPositions(null, null, DocsAndPositionsFlags.OFFSETS);
            }
        }

        var spans = new List<TextSpan>();
        var partOfSpan = new List<int>();
        foreach (var doc in docs)
        {
            for (var i = 0; i < enums.Length; i++)
            {
                _occurrences[i].Clear();
                var postings = enums[i];
                if (postings is null)
                {
                    continue;
                }

                if (postings.DocID < doc)
                {
                    postings.Advance(doc);
                }

                if (postings.DocID == doc)
                {
                    var freq = postings.Freq;
                    for (var f = 0; f < freq; f++)
                    {
                        var position = postings.NextPosition();
                        _occurrences[i].Add(new Occurrence(position, postings.StartOffset, postings.EndOffset));
                    }
                }
            }

            spans.Clear();
            partOfSpan.Clear();
            CollectSpans(spans, partOfSpan);
            onDocument(doc, Merge(spans, partOfSpan));
        }
    }

    private void CollectSpans(List<TextSpan> spans, List<int> partOfSpan)
    {
        for (var p = 0; p < _parts.Count; p++)
        {
            for (var a = 0; a < _termIndexes[p].Length; a++)
            {
                var alternative = _parts[p].Alternatives[a];
                var indexes = _termIndexes[p][a];
                var anchor = _occurrences[indexes[0]];
                foreach (var start in anchor)
                {
                    var basePosition = start.Position - alternative.Terms[0].RelativePosition;
                    var startOffset = start.StartOffset;
                    var endOffset = start.EndOffset;
                    var matched = true;
                    for (var t = 1; t < indexes.Length && matched; t++)
                    {
                        var wanted = basePosition + alternative.Terms[t].RelativePosition;
                        var found = Find(_occurrences[indexes[t]], wanted);
                        if (found is { } occurrence)
                        {
                            startOffset = Math.Min(startOffset, occurrence.StartOffset);
                            endOffset = Math.Max(endOffset, occurrence.EndOffset);
                        }
                        else
                        {
                            matched = false;
                        }
                    }

                    if (matched)
                    {
                        spans.Add(new TextSpan(basePosition, basePosition + alternative.Width, startOffset, endOffset));
                        partOfSpan.Add(p);
                    }
                }
            }
        }
    }

    private List<TextSpan> Merge(List<TextSpan> spans, List<int> partOfSpan)
    {
        var hits = _merged;
        hits.Clear();
        if (spans.Count == 0)
        {
            return hits;
        }

        // By start, then end, then as found (a stable sort), in a buffer reused from document to document.
        if (_order.Length < spans.Count)
        {
            _order = new int[Math.Max(spans.Count, _order.Length * 2)];
        }

        var order = _order.AsSpan(0, spans.Count);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        order.Sort((a, b) =>
        {
            var c = spans[a].StartPosition.CompareTo(spans[b].StartPosition);
            if (c == 0)
            {
                c = spans[a].EndPosition.CompareTo(spans[b].EndPosition);
            }

            return c != 0 ? c : a.CompareTo(b);
        });
        var everyPart = _parts.Count >= 64 ? ulong.MaxValue : (1UL << _parts.Count) - 1;
        var current = spans[order[0]];
        var partsInCurrent = 1UL << Math.Min(partOfSpan[order[0]], 63);
        var lastPart = partOfSpan[order[0]];
        var inQueryOrder = lastPart == 0;
        for (var k = 1; k < order.Length; k++)
        {
            var next = spans[order[k]];
            var part = 1UL << Math.Min(partOfSpan[order[k]], 63);
            var overlaps = next.StartPosition <= current.EndPosition;
            var adjacentOtherPart = _parts.Count > 1 && next.StartPosition == current.EndPosition + 1 && (partsInCurrent & part) == 0;
            if (overlaps || adjacentOtherPart)
            {
                current = new TextSpan(
                    current.StartPosition,
                    Math.Max(current.EndPosition, next.EndPosition),
                    Math.Min(current.StartOffset, next.StartOffset),
                    Math.Max(current.EndOffset, next.EndOffset));
                partsInCurrent |= part;
                inQueryOrder &= overlaps || partOfSpan[order[k]] == lastPart + 1;
                lastPart = partOfSpan[order[k]];
            }
            else
            {
                hits.Add(current with { IsPhrase = inQueryOrder && partsInCurrent == everyPart });
                current = next;
                partsInCurrent = part;
                lastPart = partOfSpan[order[k]];
                inQueryOrder = lastPart == 0;
            }
        }

        hits.Add(current with { IsPhrase = inQueryOrder && partsInCurrent == everyPart });
        return hits;
    }

    private static Occurrence? Find(List<Occurrence> occurrences, int position)
    {
        int low = 0, high = occurrences.Count - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var value = occurrences[mid].Position;
            if (value == position)
            {
                return occurrences[mid];
            }

            if (value < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return null;
    }

    private readonly record struct Occurrence(int Position, int StartOffset, int EndOffset);
}
