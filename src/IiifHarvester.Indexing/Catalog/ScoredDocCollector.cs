using IiifHarvester.Indexing.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// Collects every matching document with its score, per segment and in document order, into pooled lists that
/// <see cref="Dispose"/> gives back.
/// </summary>
internal sealed class ScoredDocCollector : ICollector, IDisposable
{
    private readonly PooledList<int>[] _docs;
    private readonly PooledList<float>[] _scores;
    private PooledList<int>? _currentDocs;
    private PooledList<float>? _currentScores;
    private Scorer? _scorer;

    public ScoredDocCollector(int leafCount)
    {
        _docs = [.. Enumerable.Range(0, leafCount).Select(_ => new PooledList<int>())];
        _scores = [.. Enumerable.Range(0, leafCount).Select(_ => new PooledList<float>())];
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
        _currentDocs!.Add(doc);
        _currentScores!.Add(_scorer?.GetScore() ?? 0);
    }

    public void SetNextReader(AtomicReaderContext context)
    {
        _currentDocs = _docs[context.Ord];
        _currentScores = _scores[context.Ord];
    }

    public void Dispose()
    {
        foreach (var docs in _docs)
        {
            docs.Dispose();
        }

        foreach (var scores in _scores)
        {
            scores.Dispose();
        }
    }
}
