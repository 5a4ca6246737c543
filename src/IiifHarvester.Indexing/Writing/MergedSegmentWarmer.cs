using IiifHarvester.Indexing.Catalog;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Writing;

/// <summary>
/// Warms a merged segment before near-real-time readers see it, on the merge's thread (below normal priority):
/// Lucene's own warming (terms, norms, doc values opened), then the catalog's facet columns and resource bits, which
/// are read once per segment. Otherwise the first catalog search after a large merge read all of the merged segment's
/// facet values itself, about what a broad query cost before the columns.
/// </summary>
internal sealed class MergedSegmentWarmer : IndexWriter.IndexReaderWarmer
{
    private readonly SimpleMergedSegmentWarmer _lucene = new(InfoStream.NO_OUTPUT);

    public override void Warm(AtomicReader reader)
    {
        _lucene.Warm(reader);
        FacetColumns.Of(reader);
    }
}
