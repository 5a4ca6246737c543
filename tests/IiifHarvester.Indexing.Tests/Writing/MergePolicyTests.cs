using IiifHarvester.Indexing.Writing;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Writing;

public sealed class MergePolicyTests
{
    [Fact]
    public void NewMergePolicy_AHarvestFlushingASegmentPerRefresh_KeepsHalfTheSegmentsOfLucenesDefault()
    {
        // An index, then 300 refreshes of a harvest, each flushing a small segment; merges run as they fall due
        // (serially, so the count does not depend on a merge thread's timing). The policy allows segments by the
        // index's size over its floor segment size (2 MB): both policies take a floor a hundred times smaller here, so
        // that an index of megabytes stands for one of hundreds, as the search bench's is.
        var ours = SearchIndex.NewMergePolicy();
        ours.FloorSegmentMB /= 100;
        var (oursKept, oursMb) = SegmentsAfterFlushes(ours, 300);
        var (lucenesKept, lucenesMb) = SegmentsAfterFlushes(new TieredMergePolicy { FloorSegmentMB = ours.FloorSegmentMB }, 300);

        Assert.True(oursMb > 1 && lucenesMb > 1, $"the index was {oursMb:F1} MB and {lucenesMb:F1} MB");
        Assert.True(lucenesKept >= 10, $"Lucene's default kept {lucenesKept} segments");
        Assert.True(oursKept * 2 <= lucenesKept, $"ours kept {oursKept} segments, Lucene's default {lucenesKept}");
    }

    private static (int Segments, double Megabytes) SegmentsAfterFlushes(MergePolicy policy, int flushes)
    {
        using var directory = new RAMDirectory();
        var config = new IndexWriterConfig(LuceneVersion.LUCENE_48, new WhitespaceAnalyzer(LuceneVersion.LUCENE_48))
        {
            MergePolicy = policy,
            MergeScheduler = new SerialMergeScheduler(),
        };
        using var writer = new IndexWriter(directory, config);
        var random = new Random(14);
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => "w" + random.Next(200_000).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        for (var i = 0; i < 300; i++)
        {
            writer.AddDocument([new TextField("text", Text(1_000), Field.Store.YES)]);
        }

        writer.Commit();
        for (var i = 0; i < flushes; i++)
        {
            writer.AddDocument([new TextField("text", Text(100), Field.Store.YES)]);
            writer.Commit();
        }

        using var reader = DirectoryReader.Open(directory);
        return (reader.Leaves.Count, directory.GetSizeInBytes() / 1048576.0);
    }
}
