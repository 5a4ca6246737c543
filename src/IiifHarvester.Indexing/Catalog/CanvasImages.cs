using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Search;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>Finds the Image API service of a canvas from any of its text documents' doc values (no stored-field read).</summary>
internal static class CanvasImages
{
    public static CanvasImage? Find(IndexSearcher searcher, string manifestUri, string canvasId)
    {
        var query = new BooleanQuery
        {
            { new TermQuery(new Term(FieldNames.Manifest, manifestUri)), Occur.MUST },
            { new TermQuery(new Term(FieldNames.Canvas, canvasId)), Occur.MUST },
        };
        var top = searcher.Search(query, 1);
        if (top.TotalHits == 0)
        {
            return null;
        }

        var global = top.ScoreDocs[0].Doc;
        var leaves = searcher.IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(global, leaves)];
        var values = leaf.AtomicReader.GetBinaryDocValues(FieldNames.ImageService);
        if (values is null)
        {
            return null;
        }

        var bytes = new BytesRef();
        values.Get(global - leaf.DocBase, bytes);
        return bytes.Length == 0 ? null : CanvasImage.Decode(bytes.Utf8ToString());
    }
}
