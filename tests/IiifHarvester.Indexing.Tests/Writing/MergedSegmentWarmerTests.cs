using IiifHarvester.Indexing.Catalog;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Indexing.Writing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Writing;

public sealed class MergedSegmentWarmerTests
{
    [Fact]
    public void Merge_SegmentReachesReaders_WithItsFacetColumnsAlreadyRead()
    {
        using var index = new SearchIndex(
            Options.Create(new IndexingOptions { InMemory = true, RefreshInterval = TimeSpan.Zero }),
            TimeProvider.System,
            NullLogger<SearchIndex>.Instance,
            []);

        // One small segment per commit, until a reader holds a segment made by merging several. No catalog search
        // runs, so only the merge's warming can have read its facet columns.
        var book = DemoInstitution.Book();
        int? flushed = null;
        Lucene.Net.Index.AtomicReader? merged = null;
        for (var n = 1; n <= 500 && merged is null; n++)
        {
            index.Upsert(book with { Uri = $"https://example.org/iiif/warm/{n}/manifest" });
            index.Commit(n);
            var searcher = index.Acquire();
            try
            {
                flushed ??= searcher.IndexReader.Leaves[0].AtomicReader.MaxDoc;
                merged = searcher.IndexReader.Leaves.Select(l => l.AtomicReader).FirstOrDefault(r => r.MaxDoc > flushed);
            }
            finally
            {
                index.Release(searcher);
            }
        }

        Assert.NotNull(merged);
        Assert.True(FacetColumns.IsRead(merged), "the merged segment's facet columns were not read before readers saw it");
        Assert.Equal(merged.MaxDoc / flushed, FacetColumns.Of(merged).PeriodOf.Length);
    }
}
