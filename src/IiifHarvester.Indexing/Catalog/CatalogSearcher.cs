using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

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
        var leaves = searcher.IndexReader.Leaves;

        List<Candidate> candidates;
        List<Candidate> pageItems;
        if (request.Query is null)
        {
            var all = new DocListCollector(leaves.Count);
            searcher.Search(filter, all);
            candidates = [];
            foreach (var leaf in leaves)
            {
                candidates.AddRange(all.DocsOf(leaf.Ord).Select(d => new Candidate(leaf.Ord, d, leaf.DocBase + d)));
            }

            if (request.Sort == CatalogSort.Relevance)
            {
                // Nothing to rank by: browse by label.
                var wanted = (int)Math.Min(int.MaxValue, skip + pageSize);
                var top = searcher.Search(filter, null, wanted, new Sort(new SortField(FieldNames.LabelSort, SortFieldType.STRING)));
                pageItems = [.. top.ScoreDocs.Skip((int)Math.Min(int.MaxValue, skip)).Select(d => ToCandidate(leaves, d.Doc))];
            }
            else
            {
                Order(candidates, leaves, request.Sort);
                pageItems = Slice(candidates, skip, pageSize);
            }
        }
        else
        {
            candidates = Match(searcher, context, request, filter);
            Order(candidates, leaves, request.Sort);
            pageItems = Slice(candidates, skip, pageSize);
        }

        var assembler = new HitAssembler(context.ContextLength);
        var items = pageItems.Select(c => new CatalogItem
        {
            Resource = ResourceReader.Read(searcher.Doc(c.Global)),
            TextHits = c.TextHits,
            MetadataMatched = c.Metadata,
            Snippets = (c.Snippets ?? []).SelectMany(s => assembler.Assemble(searcher, s.Doc, s.Spans)).Take(request.Snippets).ToList(),
        }).ToList();

        var perLeaf = new List<int>[leaves.Count];
        for (var i = 0; i < perLeaf.Length; i++)
        {
            perLeaf[i] = [];
        }

        foreach (var candidate in candidates)
        {
            perLeaf[candidate.Leaf].Add(candidate.Doc);
        }

        foreach (var docs in perLeaf)
        {
            docs.Sort();
        }

        return new CatalogResult
        {
            Total = candidates.Count,
            Page = page,
            PageSize = pageSize,
            Items = items,
            Facets = FacetCounter.Count(searcher, perLeaf, context.FacetLimit),
            Generation = ((DirectoryReader)searcher.IndexReader).Version,
        };
    }

    private static List<Candidate> Match(IndexSearcher searcher, CatalogContext context, CatalogRequest request, BooleanQuery filter)
    {
        var leaves = searcher.IndexReader.Leaves;

        // Metadata: the filter and the words over the resource documents' catch-all field.
        var metadataParts = QueryCompiler.Compile(request.Query!, context.Analyzer, FieldNames.All, []);
        var metadata = (BooleanQuery)filter.Clone();
        metadata.Add(QueryCompiler.ToQuery(metadataParts), Occur.MUST);
        var metadataHits = new ScoredDocCollector(leaves.Count);
        searcher.Search(metadata, metadataHits);

        // Sized for the metadata matches at once: growing to a broad query's 100,000 objects copied it a dozen times.
        var byDoc = new Dictionary<int, Candidate>(leaves.Sum(leaf => metadataHits.Of(leaf.Ord).Docs.Count));
        foreach (var leaf in leaves)
        {
            var (docs, scores) = metadataHits.Of(leaf.Ord);
            for (var i = 0; i < docs.Count; i++)
            {
                var global = leaf.DocBase + docs[i];
                byDoc[global] = new Candidate(leaf.Ord, docs[i], global) { Metadata = true, Score = scores[i] };
            }
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
        var textHits = new ScoredDocCollector(leaves.Count);
        searcher.Search(text, textHits);

        var allowed = filter.Clauses.Count > 1 ? Allowed(searcher, filter) : null;
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
                if (owner >= 0 && (allowed is null || allowed[leaf.Ord].Get(owner)))
                {
                    accepted.Add(docs[i]);
                    acceptedScores.Add(scores[i]);
                }
            }

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
                if (!byDoc.TryGetValue(global, out var candidate))
                {
                    candidate = new Candidate(leaf.Ord, owner, global);
                    byDoc[global] = candidate;
                }

                candidate.TextHits += spans.Count;
                candidate.Score += score;
                var wanted = request.Snippets - candidate.SnippetSpans;
                if (wanted > 0)
                {
                    var kept = spans.GetRange(0, Math.Min(wanted, spans.Count));
                    (candidate.Snippets ??= []).Add((leaf.DocBase + doc, kept));
                    candidate.SnippetSpans += kept.Count;
                }
            });
        }

        return [.. byDoc.Values];
    }

    private static void Order(List<Candidate> candidates, IList<AtomicReaderContext> leaves, CatalogSort sort)
    {
        if (sort == CatalogSort.Relevance)
        {
            candidates.Sort(ByScore);
            return;
        }

        var field = sort == CatalogSort.Newest ? FieldNames.ChangedAtSort : FieldNames.NavDateSort;
        var dates = new NumericDocValues?[leaves.Count];
        var present = new IBits?[leaves.Count];
        var sequences = new NumericDocValues?[leaves.Count];
        foreach (var leaf in leaves)
        {
            dates[leaf.Ord] = leaf.AtomicReader.GetNumericDocValues(field);
            present[leaf.Ord] = leaf.AtomicReader.GetDocsWithField(field);
            if (sort == CatalogSort.Newest)
            {
                sequences[leaf.Ord] = leaf.AtomicReader.GetNumericDocValues(FieldNames.ChangeSequenceSort);
            }
        }

        var descending = sort is CatalogSort.DateDescending or CatalogSort.Newest;
        foreach (var candidate in candidates)
        {
            candidate.Date = present[candidate.Leaf]?.Get(candidate.Doc) == true ? dates[candidate.Leaf]!.Get(candidate.Doc) : null;
            candidate.Sequence = sequences[candidate.Leaf]?.Get(candidate.Doc) ?? 0;
        }

        candidates.Sort((a, b) =>
        {
            if (a.Date is null || b.Date is null)
            {
                return a.Date is null == b.Date is null ? ByScore(a, b) : a.Date is null ? 1 : -1;
            }

            var byDate = descending ? b.Date.Value.CompareTo(a.Date.Value) : a.Date.Value.CompareTo(b.Date.Value);
            if (byDate != 0)
            {
                return byDate;
            }

            // Two changes recorded in the same millisecond: the later change first (sequences are 0 but for Newest).
            var bySequence = b.Sequence.CompareTo(a.Sequence);
            return bySequence != 0 ? bySequence : ByScore(a, b);
        });
    }

    private static int ByScore(Candidate a, Candidate b) =>
        b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Global.CompareTo(b.Global);

    private static List<Candidate> Slice(List<Candidate> candidates, long skip, int pageSize) =>
        skip >= candidates.Count ? [] : candidates.GetRange((int)skip, (int)Math.Min(pageSize, candidates.Count - skip));

    private static Candidate ToCandidate(IList<AtomicReaderContext> leaves, int global)
    {
        var leaf = leaves[ReaderUtil.SubIndex(global, leaves)];
        return new Candidate(leaf.Ord, global - leaf.DocBase, global);
    }

    private static FixedBitSet[] Allowed(IndexSearcher searcher, BooleanQuery filter)
    {
        var leaves = searcher.IndexReader.Leaves;
        var collector = new DocListCollector(leaves.Count);
        searcher.Search(filter, collector);
        var bits = new FixedBitSet[leaves.Count];
        foreach (var leaf in leaves)
        {
            bits[leaf.Ord] = new FixedBitSet(Math.Max(1, leaf.AtomicReader.MaxDoc));
            foreach (var doc in collector.DocsOf(leaf.Ord))
            {
                bits[leaf.Ord].Set(doc);
            }
        }

        return bits;
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

    private sealed class Candidate(int leaf, int doc, int global)
    {
        public int Leaf { get; } = leaf;

        public int Doc { get; } = doc;

        public int Global { get; } = global;

        public float Score { get; set; }

        public bool Metadata { get; init; }

        public int TextHits { get; set; }

        public long? Date { get; set; }

        public long Sequence { get; set; }

        public int SnippetSpans { get; set; }

        // Made for the few candidates with text hits, not for every object a broad query matches.
        public List<(int Doc, List<TextSpan> Spans)>? Snippets { get; set; }
    }
}
