using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Collects every matching document, per segment and in document order, without scoring, into pooled lists that
/// <see cref="Dispose"/> gives back.
/// </summary>
internal sealed class DocListCollector : ICollector, IDisposable
{
    private readonly PooledList<int>[] _docs;
    private PooledList<int>? _current;

    public DocListCollector(int leafCount) =>
        _docs = [.. Enumerable.Range(0, leafCount).Select(_ => new PooledList<int>())];

    /// <summary>Matching documents of the segment with ordinal <paramref name="leafOrd"/>, ascending.</summary>
    public IReadOnlyList<int> DocsOf(int leafOrd) => _docs[leafOrd];

    /// <summary>Matching documents in all segments.</summary>
    public int Count => _docs.Sum(d => d.Count);

    public bool AcceptsDocsOutOfOrder => false;

    /// <summary>The documents <paramref name="query"/> matches in each segment of <paramref name="searcher"/>, as bits; null for a segment where it matches none.</summary>
    public static FixedBitSet?[] Bits(IndexSearcher searcher, Query query)
    {
        var leaves = searcher.IndexReader.Leaves;
        using var collector = new DocListCollector(leaves.Count);
        searcher.Search(query, collector);
        var bits = new FixedBitSet?[leaves.Count];
        foreach (var leaf in leaves)
        {
            var docs = collector.DocsOf(leaf.Ord);
            if (docs.Count == 0)
            {
                continue;
            }

            var set = new FixedBitSet(leaf.AtomicReader.MaxDoc);
            foreach (var doc in docs)
            {
                set.Set(doc);
            }

            bits[leaf.Ord] = set;
        }

        return bits;
    }

    public void SetScorer(Scorer scorer)
    {
    }

    public void Collect(int doc) => _current!.Add(doc);

    public void SetNextReader(AtomicReaderContext context) => _current = _docs[context.Ord];

    public void Dispose()
    {
        foreach (var docs in _docs)
        {
            docs.Dispose();
        }
    }
}
