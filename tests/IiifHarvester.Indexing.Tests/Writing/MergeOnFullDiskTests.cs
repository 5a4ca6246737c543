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
        using var index = OpenIndex(disk);

        // One small segment per commit: enough of them that the merge policy merges, and every merge fails.
        var sequence = 0;
        var dropped = 0;
        while (Volatile.Read(ref disk.Refused) == 0 && sequence < 500)
        {
            sequence++;
            dropped += Apply(index, sequence);
        }

        Assert.True(disk.Refused > 0, "no merge ran");
        var beforeRoom = sequence;

        // Writes go on (the writer is reopened from its last commit if the merge left it unusable).
        sequence++;
        dropped += Apply(index, sequence);

        disk.Room = true;
        for (var i = 0; i < 20; i++)
        {
            sequence++;
            dropped += Apply(index, sequence);
        }

        Assert.Equal(sequence, index.CommittedSequence);
        Assert.Equal(sequence, index.GetStatistics().Manifests);
        Assert.True(beforeRoom >= 2);
        Assert.True(dropped <= 3, $"{dropped} writes were reported dropped");
    }

    /// <summary>
    /// Writes manifest <paramref name="sequence"/> and commits it as the feeder does: a write that reports the writer
    /// reopened (what was written since the last commit dropped) is followed by writing again everything after the
    /// last commit. Returns how many times that happened.
    /// </summary>
    private static int Apply(SearchIndex index, int sequence)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                for (var n = (int)index.CommittedSequence + 1; n <= sequence; n++)
                {
                    index.Upsert(DemoInstitution.Book() with { Uri = Uri(n) });
                }

                index.Commit(sequence);
                return attempt;
            }
            catch (IOException ex) when (attempt < 3 && ex.Message.Contains("reopened", StringComparison.Ordinal))
            {
            }
        }
    }

    [Fact]
    public void Commit_AfterAMergeFailedBehindAWrite_FailsSayingTheWriteWasDroppedAndWritingAgainKeepsIt()
    {
        var disk = new MergesOutOfSpace { Held = new ManualResetEventSlim(false) };
        using var index = OpenIndex(disk);

        // Commit small segments until a merge starts; it waits, held, at the output it will be refused.
        var sequence = 0;
        while (Volatile.Read(ref disk.Waiting) == 0 && sequence < 500)
        {
            sequence++;
            index.Upsert(DemoInstitution.Book() with { Uri = Uri(sequence) });
            index.Commit(sequence);
        }

        Assert.True(disk.Waiting > 0, "no merge started");

        // A write succeeds, then the merge fails behind it: the writer must be reopened, which drops that write.
        var written = sequence + 1;
        index.Upsert(DemoInstitution.Book() with { Uri = Uri(written) });
        disk.Held.Set();
        Assert.True(SpinWait.SpinUntil(() => index.NeedsReopen, TimeSpan.FromSeconds(30)), "the merge did not fail");

        var thrown = Assert.Throws<IOException>(() => index.Commit(written));
        Assert.Contains($"reopened from its last commit (sequence {sequence})", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(sequence, index.CommittedSequence);

        disk.Room = true;
        index.Upsert(DemoInstitution.Book() with { Uri = Uri(written) });
        index.Commit(written);
        Assert.Equal(written, index.GetStatistics().Manifests);
    }

    /// <summary>An on-disk index in this test's directory, its files written through <paramref name="disk"/>.</summary>
    private SearchIndex OpenIndex(MergesOutOfSpace disk) => new(
        Options.Create(new IndexingOptions { Directory = _directory, RefreshInterval = TimeSpan.Zero }),
        TimeProvider.System,
        NullLogger<SearchIndex>.Instance,
        [disk]);

    private static string Uri(int n) => $"https://example.org/iiif/merge/{n}/manifest";

    /// <summary>A disk with room for flushes but not for a merge's output (a merge needs as much again as it merges).</summary>
    private sealed class MergesOutOfSpace : IIndexDirectoryFilter
    {
        public int Refused;

        public int Waiting;

        public volatile bool Room;

        /// <summary>When set, a merge's output waits until this is set before it is refused.</summary>
        public ManualResetEventSlim? Held { get; init; }

        public LuceneDirectory Wrap(string location, LuceneDirectory directory) => new Filtered(directory, this);

        private sealed class Filtered(LuceneDirectory inner, MergesOutOfSpace disk) : FilterDirectory(inner)
        {
            public override IndexOutput CreateOutput(string name, IOContext context)
            {
                if (!disk.Room && context.Context == IOContext.UsageContext.MERGE)
                {
                    if (disk.Held is { } held)
                    {
                        Interlocked.Increment(ref disk.Waiting);
                        held.Wait(TimeSpan.FromSeconds(60));
                    }

                    Interlocked.Increment(ref disk.Refused);
                    throw new IOException($"No space left on device : '{name}'", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);
                }

                return base.CreateOutput(name, context);
            }
        }
    }
}
