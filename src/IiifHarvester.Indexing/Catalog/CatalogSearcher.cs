using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// The object search behind the catalog and the portal. An object (manifest or collection) matches when the query
/// matches its metadata (label, summary, metadata, providers) or the text of its annotations; its text hits are
/// counted exactly as a Content Search inside it counts them (<see cref="HitFinder"/> over the same postings), and
/// its first hits are assembled into snippets with canvas and region. Filters apply to the objects; facet counts
/// cover every result, not just the page.
/// </summary>
internal static class CatalogSearcher
{
    public static CatalogResult Search(IndexSearcher searcher, CatalogContext context, CatalogRequest request)
    {
        var filter = ResourceFilter(request);
        var page = Math.Max(1, request.Page);
        var pageSize = context.PageSize;
        var skip = (long)(page - 1) * pageSize;
        var wanted = (int)Math.Min(int.MaxValue, skip + pageSize);
        var leaves = searcher.IndexReader.Leaves;

        using var matches = request.Query is null ? Browse(searcher, filter) : Match(searcher, context, request, filter);
        List<Ranked> best;
        if (request.Query is null && request.Sort == CatalogSort.Relevance)
        {
            // Nothing to rank by: browse by label.
            var top = searcher.Search(filter, null, wanted, new Sort(new SortField(FieldNames.LabelSort, SortFieldType.STRING)));
            best = [.. top.ScoreDocs.Select(d => new Ranked(d.Doc, 0, null, 0))];
            Rank(matches, leaves, request.Sort, wanted: 0);
        }
        else
        {
            best = Rank(matches, leaves, request.Sort, wanted);
        }

        var assembler = new HitAssembler(context.ContextLength);
        var items = best.Skip((int)Math.Min(int.MaxValue, skip)).Select(r =>
        {
            var text = matches.Text.GetValueOrDefault(r.Global);
            return new CatalogItem
            {
                Resource = ResourceReader.Read(searcher.Doc(r.Global)),
                TextHits = text?.TextHits ?? 0,
                MetadataMatched = text?.Metadata ?? matches.MetadataMatched,
                Snippets = (text?.Snippets ?? []).SelectMany(s => assembler.Assemble(searcher, s.Doc, s.Spans)).Take(request.Snippets).ToList(),
            };
        }).ToList();

        return new CatalogResult
        {
            Total = matches.Total,
            Page = page,
            PageSize = pageSize,
            Items = items,
            Facets = FacetCounter.Count(searcher, matches.All, context.FacetLimit),
            Generation = ((DirectoryReader)searcher.IndexReader).Version,
        };
    }

    private static Matches Browse(IndexSearcher searcher, BooleanQuery filter)
    {
        var leaves = searcher.IndexReader.Leaves;
        var matches = new Matches(leaves.Count, metadataMatched: false);
        var all = matches.Own(new DocListCollector(leaves.Count));
        searcher.Search(filter, all);
        foreach (var leaf in leaves)
        {
            matches.Metadata[leaf.Ord] = all.DocsOf(leaf.Ord);
        }

        return matches;
    }

    private static Matches Match(IndexSearcher searcher, CatalogContext context, CatalogRequest request, BooleanQuery filter)
    {
        var leaves = searcher.IndexReader.Leaves;
        var matches = new Matches(leaves.Count, metadataMatched: true);

        // Metadata: the filter and the words over the resource documents' catch-all field. A broad query matches most
        // objects this way; they stay in the collector's lists, with no object made for each.
        var metadataParts = QueryCompiler.Compile(request.Query!, context.Analyzer, FieldNames.All, []);
        var metadata = (BooleanQuery)filter.Clone();
        metadata.Add(QueryCompiler.ToQuery(metadataParts), Occur.MUST);
        var metadataHits = matches.Own(new ScoredDocCollector(leaves.Count));
        searcher.Search(metadata, metadataHits);
        foreach (var leaf in leaves)
        {
            (matches.Metadata[leaf.Ord], matches.MetadataScores[leaf.Ord]) = metadataHits.Of(leaf.Ord);
        }

        // Full text: text documents matching the words, counted and kept for snippets under their owner, when the
        // owner passes the filters.
        var textParts = QueryCompiler.Compile(request.Query!, context.Analyzer, FieldNames.Text, context.StemLanguages);
        var text = new BooleanQuery
        {
            { new TermQuery(new Term(FieldNames.DocType, FieldNames.DocTypeText)), Occur.MUST },
            { QueryCompiler.ToQuery(textParts), Occur.MUST },
        };
        AddAny(text, FieldNames.TextKind, request.TextKinds);
        using var textHits = new ScoredDocCollector(leaves.Count);
        searcher.Search(text, textHits);

        var allowed = filter.Clauses.Count > 1 ? DocListCollector.Bits(searcher, filter) : null;
        var finder = new HitFinder(textParts);
        foreach (var leaf in leaves)
        {
            var (docs, scores) = textHits.Of(leaf.Ord);
            if (docs.Count == 0)
            {
                continue;
            }

            var blocks = ResourceBlocks.Of(leaf);
            var accepted = new List<int>(docs.Count);
            var acceptedScores = new List<float>(docs.Count);
            for (var i = 0; i < docs.Count; i++)
            {
                var owner = blocks.PrevSetBit(docs[i]);
                if (owner >= 0 && (allowed is null || allowed[leaf.Ord]?.Get(owner) == true))
                {
                    accepted.Add(docs[i]);
                    acceptedScores.Add(scores[i]);
                }
            }

            var owners = matches.TextOwners[leaf.Ord];
            var next = 0;
            finder.FindInLeaf(leaf, accepted, (doc, spans) =>
            {
                var score = acceptedScores[next++];
                if (spans.Count == 0)
                {
                    return;
                }

                var owner = blocks.PrevSetBit(doc);
                var global = leaf.DocBase + owner;
                if (!matches.Text.TryGetValue(global, out var match))
                {
                    // The metadata score first and the text scores added to it in document order, as they always were:
                    // float addition in another order could reorder equal-looking objects.
                    var metadataScore = metadataHits.ScoreOf(leaf.Ord, owner);
                    match = new TextMatch { Metadata = metadataScore is not null, Score = metadataScore ?? 0 };
                    matches.Text[global] = match;

                    // Text documents follow their owner, so owners come in ascending order.
                    owners.Add(owner);
                }

                match.TextHits += spans.Count;
                match.Score += score;
                var wanted = request.Snippets - match.SnippetSpans;
                if (wanted > 0)
                {
                    var kept = spans.GetRange(0, Math.Min(wanted, spans.Count));
                    (match.Snippets ??= []).Add((leaf.DocBase + doc, kept));
                    match.SnippetSpans += kept.Count;
                }
            });
        }

        return matches;
    }

    /// <summary>
    /// Merges each segment's metadata matches and text owners into <see cref="Matches.All"/> and returns the first
    /// <paramref name="wanted"/> in the order of <paramref name="sort"/>, best first. A bounded heap keeps them: the
    /// order is total (ties end at the document number), so they are the ones a sort of every match would put first,
    /// without a sort (or an object) for each of a broad query's hundred thousand.
    /// </summary>
    private static List<Ranked> Rank(Matches matches, IList<AtomicReaderContext> leaves, CatalogSort sort, int wanted)
    {
        var order = RankOrder.For(sort);
        var worstFirst = Comparer<Ranked>.Create((a, b) => order.Compare(b, a));
        var heap = new PriorityQueue<Ranked, Ranked>(worstFirst);
        var byDate = sort != CatalogSort.Relevance;
        var dateField = sort == CatalogSort.Newest ? FieldNames.ChangedAtSort : FieldNames.NavDateSort;
        foreach (var leaf in leaves)
        {
            var metadata = matches.Metadata[leaf.Ord];
            var metadataScores = matches.MetadataScores[leaf.Ord];
            var owners = matches.TextOwners[leaf.Ord];
            var all = owners.Count == 0 ? null : matches.Own(new PooledList<int>());
            matches.All[leaf.Ord] = all ?? metadata;
            var dates = byDate ? leaf.AtomicReader.GetNumericDocValues(dateField) : null;
            var present = byDate ? leaf.AtomicReader.GetDocsWithField(dateField) : null;
            var sequences = sort == CatalogSort.Newest ? leaf.AtomicReader.GetNumericDocValues(FieldNames.ChangeSequenceSort) : null;
            int i = 0, j = 0;
            while (i < metadata.Count || j < owners.Count)
            {
                int doc;
                float score;
                if (j == owners.Count || (i < metadata.Count && metadata[i] < owners[j]))
                {
                    doc = metadata[i];
                    score = metadataScores?[i] ?? 0;
                    i++;
                }
                else
                {
                    doc = owners[j++];
                    if (i < metadata.Count && metadata[i] == doc)
                    {
                        i++;
                    }

                    // Its score began as the metadata score, when it had one.
                    score = matches.Text[leaf.DocBase + doc].Score;
                }

                all?.Add(doc);
                matches.Total++;
                if (wanted == 0)
                {
                    continue;
                }

                var date = present?.Get(doc) == true ? dates!.Get(doc) : (long?)null;
                var ranked = new Ranked(leaf.DocBase + doc, score, date, sequences?.Get(doc) ?? 0);
                if (heap.Count < wanted)
                {
                    heap.Enqueue(ranked, ranked);
                }
                else if (order.Compare(ranked, heap.Peek()) < 0)
                {
                    heap.DequeueEnqueue(ranked, ranked);
                }
            }
        }

        var best = new List<Ranked>(heap.Count);
        while (heap.Count > 0)
        {
            best.Add(heap.Dequeue());
        }

        best.Reverse();
        return best;
    }

    private static BooleanQuery ResourceFilter(CatalogRequest request)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(FieldNames.DocType, FieldNames.DocTypeResource)), Occur.MUST },
        };
        AddAny(query, FieldNames.Source, request.Sources);
        AddAny(query, FieldNames.Collection, request.Collections);
        AddAny(query, FieldNames.Provider, request.Providers);
        AddAny(query, FieldNames.Language, request.Languages);
        AddAny(query, FieldNames.Kind, request.Types);
        AddAny(query, FieldNames.Rights, request.Rights);
        AddAny(query, FieldNames.TextKind, request.TextKinds);
        if (request.Centuries.Count > 0)
        {
            query.Add(CatalogDates.Within(request.Centuries, 100), Occur.MUST);
        }

        if (request.Decades.Count > 0)
        {
            query.Add(CatalogDates.Within(request.Decades, 10), Occur.MUST);
        }

        return query;
    }

    private static void AddAny(BooleanQuery query, string field, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        var any = new BooleanQuery();
        foreach (var value in values)
        {
            any.Add(new TermQuery(new Term(field, value)), Occur.SHOULD);
        }

        query.Add(any, Occur.MUST);
    }

    /// <summary>Every object a search matched: per segment, in document order.</summary>
    private sealed class Matches(int leafCount, bool metadataMatched) : IDisposable
    {
        private readonly List<IDisposable> _owned = [];

        /// <summary>Whether an object with no text hits matched by its metadata: true for a query, false when browsing.</summary>
        public bool MetadataMatched { get; } = metadataMatched;

        /// <summary>Objects matched by metadata (or, browsing, every object the filters allow), ascending per segment.</summary>
        public IReadOnlyList<int>[] Metadata { get; } = new IReadOnlyList<int>[leafCount];

        /// <summary>Their metadata scores; null when browsing.</summary>
        public IReadOnlyList<float>?[] MetadataScores { get; } = new IReadOnlyList<float>?[leafCount];

        /// <summary>Objects matched by their text, ascending per segment.</summary>
        public List<int>[] TextOwners { get; } = [.. Enumerable.Range(0, leafCount).Select(_ => new List<int>())];

        /// <summary>Each text match by its object's global document number: made for the few objects with text hits.</summary>
        public Dictionary<int, TextMatch> Text { get; } = [];

        /// <summary>Both together, ascending per segment: what the facets count. Set by <see cref="Rank"/>.</summary>
        public IReadOnlyList<int>[] All { get; } = new IReadOnlyList<int>[leafCount];

        /// <summary>Objects matched. Set by <see cref="Rank"/>.</summary>
        public int Total { get; set; }

        /// <summary>Keeps <paramref name="pooled"/>, whose lists these point into, until the search is done.</summary>
        public T Own<T>(T pooled)
            where T : IDisposable
        {
            _owned.Add(pooled);
            return pooled;
        }

        public void Dispose()
        {
            foreach (var pooled in _owned)
            {
                pooled.Dispose();
            }
        }
    }

    private sealed class TextMatch
    {
        /// <summary>The metadata score (when the metadata matched too) and every text hit's score added to it in document order.</summary>
        public float Score { get; set; }

        public bool Metadata { get; init; }

        public int TextHits { get; set; }

        public int SnippetSpans { get; set; }

        public List<(int Doc, List<TextSpan> Spans)>? Snippets { get; set; }
    }

    /// <summary>What the order of results reads of an object.</summary>
    private readonly record struct Ranked(int Global, float Score, long? Date, long Sequence);

    /// <summary>The order of results: a total order, every tie broken at last by the document number.</summary>
    private sealed class RankOrder(CatalogSort sort) : IComparer<Ranked>
    {
        private static readonly RankOrder[] BySort = [.. Enum.GetValues<CatalogSort>().Select(s => new RankOrder(s))];

        public static RankOrder For(CatalogSort sort) => BySort[(int)sort];

        public int Compare(Ranked a, Ranked b)
        {
            if (sort == CatalogSort.Relevance)
            {
                return ByScore(a, b);
            }

            if (a.Date is null || b.Date is null)
            {
                return a.Date is null == b.Date is null ? ByScore(a, b) : a.Date is null ? 1 : -1;
            }

            var descending = sort is CatalogSort.DateDescending or CatalogSort.Newest;
            var byDate = descending ? b.Date.Value.CompareTo(a.Date.Value) : a.Date.Value.CompareTo(b.Date.Value);
            if (byDate != 0)
            {
                return byDate;
            }

            // Two changes recorded in the same millisecond: the later change first (sequences are 0 but for Newest).
            var bySequence = b.Sequence.CompareTo(a.Sequence);
            return bySequence != 0 ? bySequence : ByScore(a, b);
        }

        private static int ByScore(Ranked a, Ranked b) =>
            b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Global.CompareTo(b.Global);
    }
}
