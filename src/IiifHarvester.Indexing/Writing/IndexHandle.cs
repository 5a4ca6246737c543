using IiifHarvester.Indexing.Analysis;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Writing;

/// <summary>What the search side needs of the index: searchers from the one SearcherManager, and the analyzer.</summary>
internal interface IIndexHandle
{
    /// <summary>The analyzer every field is indexed with.</summary>
    TextAnalyzer Analyzer { get; }

    /// <summary>Acquires the current searcher; give it back with <see cref="Release"/>.</summary>
    IndexSearcher Acquire();

    /// <summary>Releases a searcher from <see cref="Acquire"/>.</summary>
    void Release(IndexSearcher searcher);
}
