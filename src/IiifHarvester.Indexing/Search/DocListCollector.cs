using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Search;

/// <summary>Collects every matching document, per segment and in document order, without scoring.</summary>
internal sealed class DocListCollector : ICollector
{
    private readonly List<int>[] _docs;
    private List<int> _current = [];

    public DocListCollector(int leafCount)
    {
        _docs = new List<int>[leafCount];
        for (var i = 0; i < leafCount; i++)
        {
            _docs[i] = [];
        }
    }

    /// <summary>Matching documents of the segment with ordinal <paramref name="leafOrd"/>, ascending.</summary>
    public IReadOnlyList<int> DocsOf(int leafOrd) => _docs[leafOrd];

    /// <summary>Matching documents in all segments.</summary>
    public int Count => _docs.Sum(d => d.Count);

    public bool AcceptsDocsOutOfOrder => false;

    public void SetScorer(Scorer scorer)
    {
    }

    public void Collect(int doc) => _current.Add(doc);

    public void SetNextReader(AtomicReaderContext context) => _current = _docs[context.Ord];
}
