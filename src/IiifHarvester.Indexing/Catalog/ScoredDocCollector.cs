using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>Collects every matching document with its score, per segment and in document order.</summary>
internal sealed class ScoredDocCollector : ICollector
{
    private readonly List<int>[] _docs;
    private readonly List<float>[] _scores;
    private List<int> _currentDocs = [];
    private List<float> _currentScores = [];
    private Scorer? _scorer;

    public ScoredDocCollector(int leafCount)
    {
        _docs = new List<int>[leafCount];
        _scores = new List<float>[leafCount];
        for (var i = 0; i < leafCount; i++)
        {
            _docs[i] = [];
            _scores[i] = [];
        }
    }

    public bool AcceptsDocsOutOfOrder => false;

    /// <summary>Matching documents of the segment with ordinal <paramref name="leafOrd"/>, ascending, and their scores.</summary>
    public (IReadOnlyList<int> Docs, IReadOnlyList<float> Scores) Of(int leafOrd) => (_docs[leafOrd], _scores[leafOrd]);

    /// <summary>The score of <paramref name="doc"/> in the segment with ordinal <paramref name="leafOrd"/>; null when it did not match.</summary>
    public float? ScoreOf(int leafOrd, int doc)
    {
        var at = _docs[leafOrd].BinarySearch(doc);
        return at >= 0 ? _scores[leafOrd][at] : null;
    }

    public void SetScorer(Scorer scorer) => _scorer = scorer;

    public void Collect(int doc)
    {
        _currentDocs.Add(doc);
        _currentScores.Add(_scorer?.GetScore() ?? 0);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _currentDocs = _docs[context.Ord];
        _currentScores = _scores[context.Ord];
    }
}
