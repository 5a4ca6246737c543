using IiifHarvester.Indexing.Schema;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Schema;

public sealed class KeywordFieldTests
{
    [Fact]
    public void SharedStream_ManyFieldsAndDocuments_IndexEachWholeValueAsOneTermWithItsOffsets()
    {
        // One token stream per thread serves every keyword field: each value must still come out whole, on its own,
        // with nothing left over from the value before (longer values first, then shorter, then empty).
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))))
        {
            for (var i = 0; i < 50; i++)
            {
                writer.AddDocument(new Document
                {
                    new KeywordField("id", $"doc-{i}", Field.Store.YES),
                    new KeywordField("tag", $"long value with spaces {i}", Field.Store.NO),
                    new KeywordField("tag", "t", Field.Store.NO),
                    new KeywordField("tag", string.Empty, Field.Store.NO),
                    new KeywordField("parity", i % 2 == 0 ? "even" : "odd", Field.Store.NO),
                });
            }

            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader);
        Assert.Equal(1, searcher.Search(new TermQuery(new Term("tag", "long value with spaces 7")), 10).TotalHits);
        Assert.Equal(50, searcher.Search(new TermQuery(new Term("tag", "t")), 100).TotalHits);
        Assert.Equal(50, searcher.Search(new TermQuery(new Term("tag", string.Empty)), 100).TotalHits);
        Assert.Equal(25, searcher.Search(new TermQuery(new Term("parity", "odd")), 100).TotalHits);
        Assert.Equal(0, searcher.Search(new TermQuery(new Term("tag", "long")), 100).TotalHits);
        var hit = searcher.Search(new TermQuery(new Term("id", "doc-42")), 1).ScoreDocs.Single();
        Assert.Equal("doc-42", searcher.Doc(hit.Doc).Get("id"));

        // 50 documents × 3 tag values, and no term from one value bleeding into the next.
        var terms = MultiFields.GetTerms(reader, "tag").GetEnumerator();
        var count = 0;
        while (terms.MoveNext())
        {
            count++;
        }

        Assert.Equal(52, count);
    }
}
