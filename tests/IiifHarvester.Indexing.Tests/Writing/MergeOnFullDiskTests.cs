using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Indexing.Writing;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IiifHarvester.Indexing.Tests.Writing;

/// <summary>
/// A background merge that runs out of disk (ENOSPC on the merged segment's files, injected through the index's
/// directory seam): Lucene rethrows it on the merge thread, where it ended the process. The process goes on, every
/// committed document stays searchable, and the writer keeps committing; merging works again once there is room.
/// </summary>
public sealed class MergeOnFullDiskTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iiif-index-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (System.IO.Directory.Exists(_directory))
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Commit_MergeRunsOutOfSpace_ProcessGoesOnNothingCommittedIsLostAndWritesGoOn()
    {
        var disk = new MergesOutOfSpace();
        using var index = new SearchIndex(
            Options.Create(new IndexingOptions { Directory = _directory, RefreshInterval = TimeSpan.Zero }),
            TimeProvider.System,
            NullLogger<SearchIndex>.Instance,
            [disk]);

        // One small segment per commit: enough of them that the merge policy merges, and every merge fails.
        var sequence = 0;
        while (Volatile.Read(ref disk.Refused) == 0 && sequence < 500)
        {
            sequence++;
            index.Upsert(DemoInstitution.Book() with { Uri = Uri(sequence) });
            index.Commit(sequence);
        }

        Assert.True(disk.Refused > 0, "no merge ran");
        var beforeRoom = sequence;

        // Writes go on (the writer is reopened from its last commit if the merge left it unusable).
        sequence++;
        index.Upsert(DemoInstitution.Book() with { Uri = Uri(sequence) });
        index.Commit(sequence);

        disk.Room = true;
        for (var i = 0; i < 20; i++)
        {
            sequence++;
            index.Upsert(DemoInstitution.Book() with { Uri = Uri(sequence) });
            index.Commit(sequence);
        }

        Assert.Equal(sequence, index.CommittedSequence);
        Assert.Equal(sequence, index.GetStatistics().Manifests);
        Assert.True(beforeRoom >= 2);
    }

    private static string Uri(int n) => $"https://example.org/iiif/merge/{n}/manifest";

    /// <summary>A disk with room for flushes but not for a merge's output (a merge needs as much again as it merges).</summary>
    private sealed class MergesOutOfSpace : IIndexDirectoryFilter
    {
        public int Refused;

        public volatile bool Room;

        public LuceneDirectory Wrap(string location, LuceneDirectory directory) => new Filtered(directory, this);

        private sealed class Filtered(LuceneDirectory inner, MergesOutOfSpace disk) : FilterDirectory(inner)
        {
            public override IndexOutput CreateOutput(string name, IOContext context)
            {
                if (!disk.Room && context.Context == IOContext.UsageContext.MERGE)
                {
                    Interlocked.Increment(ref disk.Refused);
                    throw new IOException($"No space left on device : '{name}'", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
                }

                return base.CreateOutput(name, context);
            }
        }
    }
}
