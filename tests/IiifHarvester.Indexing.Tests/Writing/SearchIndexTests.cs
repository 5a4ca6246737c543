using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Indexing.Querying;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Indexing.Writing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Writing;

public sealed class SearchIndexTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "iiif-index-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Refresh_QueuedBeforeTheIndexClosed_SaysNothing()
    {
        var logger = new WarningLog();
        var index = new Indexing.Writing.SearchIndex(
            Microsoft.Extensions.Options.Options.Create(new IndexingOptions { Directory = _directory, RefreshInterval = TimeSpan.Zero }),
            TimeProvider.System,
            logger);
        index.Upsert(DemoInstitution.Book());
        index.Dispose();

        index.Refresh();

        Assert.Empty(logger.Warnings);
    }

    private sealed class WarningLog : Microsoft.Extensions.Logging.ILogger<Indexing.Writing.SearchIndex>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }

    [Fact]
    public void CommittedSequence_EmptyIndex_IsZero()
    {
        using var fixture = new IndexFixture(inMemory: false, directory: _directory);

        Assert.Equal(0, fixture.Index.CommittedSequence);
    }

    [Fact]
    public void Refresh_OnlyWhileReadersAreAskedFor_UncommittedChangesShowWithinAnIntervalOfTheFirstSearch()
    {
        var time = new FakeTimeProvider();
        using var fixture = new IndexFixture(settings: new Dictionary<string, string?> { ["Indexing:RefreshInterval"] = "00:00:01" }, time: time);
        var index = (SearchIndex)fixture.Index;
        fixture.Index.Upsert(DemoInstitution.Book());

        // Nobody searched: the tick (run inside Advance) queues no refresh, and the first search still sees the index
        // as it was.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, index.RefreshesQueued);
        Assert.Null(fixture.Search.FindByUri(DemoInstitution.BookUri));

        // That search asked for a reader: the next tick queues exactly one refresh (run on the lowered background
        // threads, so this waits for it; no later tick comes), and the change is searchable without a commit.
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, index.RefreshesQueued);
        Assert.True(SpinWait.SpinUntil(() => fixture.Search.FindByUri(DemoInstitution.BookUri) is not null, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, fixture.Index.CommittedSequence);
    }

    [Fact]
    public void Commit_Reopened_KeepsSequenceAndDocuments()
    {
        using (var fixture = new IndexFixture(inMemory: false, directory: _directory))
        {
            fixture.Index.Upsert(DemoInstitution.Book());
            fixture.Index.Commit(42);
            Assert.Equal(42, fixture.Index.CommittedSequence);
        }

        using var reopened = new IndexFixture(inMemory: false, directory: _directory);
        Assert.Equal(42, reopened.Index.CommittedSequence);
        Assert.NotNull(reopened.Search.FindByUri(DemoInstitution.BookUri));
    }

    [Fact]
    public void Open_FirstCommitTruncatedByAKill_StartsAfreshAtSequenceZero()
    {
        using (var fixture = new IndexFixture(inMemory: false, directory: _directory))
        {
            fixture.Index.Upsert(DemoInstitution.Book());
            fixture.Index.Commit(7);
        }

        // What a SIGKILL in the middle of writing the first commit leaves: a segments file cut short.
        var segments = Directory.GetFiles(_directory, "segments_*").Single();
        var bytes = File.ReadAllBytes(segments);
        File.WriteAllBytes(segments, bytes[..(bytes.Length / 2)]);

        using var reopened = new IndexFixture(inMemory: false, directory: _directory);
        Assert.Equal(0, reopened.Index.CommittedSequence);
        Assert.Null(reopened.Search.FindByUri(DemoInstitution.BookUri));
        reopened.Index.Upsert(DemoInstitution.Book());
        reopened.Index.Commit(8);
        Assert.Equal(8, reopened.Index.CommittedSequence);
        Assert.NotNull(reopened.Search.FindByUri(DemoInstitution.BookUri));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("2")]
    [InlineData("3")]
    [InlineData("4")]
    [InlineData("6")]
    public void Open_IndexWrittenWithAnOlderDocumentLayout_CatchesUpFromSequenceZero(string? schema)
    {
        using (var fixture = new IndexFixture(inMemory: false, directory: _directory))
        {
            fixture.Index.Upsert(DemoInstitution.Book());
            fixture.Index.Commit(42);
        }

        // What a version before document layouts were numbered committed (the sequence alone), or one whose
        // documents lack fields searches now expect (2: no change time and sequence, which the feed sorts by), or whose
        // text was tokenised otherwise (3: hyphenated words not joined; 4: ALTO's plain HYP not joined), or whose OCR
        // was read otherwise (6: ALTO SP ignored, hOCR character boxes split).
        using (var directory = Lucene.Net.Store.FSDirectory.Open(_directory))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(
            Lucene.Net.Util.LuceneVersion.LUCENE_48, null) { OpenMode = Lucene.Net.Index.OpenMode.APPEND }))
        {
            var data = new Dictionary<string, string> { ["sequence"] = "42" };
            if (schema is not null)
            {
                data["schema"] = schema;
            }

            writer.SetCommitData(data);
            writer.Commit();
        }

        using var reopened = new IndexFixture(inMemory: false, directory: _directory);
        Assert.Equal(0, reopened.Index.CommittedSequence);
        reopened.Index.Commit(43);
        using var again = Reopen(reopened);
        Assert.Equal(43, again.Index.CommittedSequence);
    }

    [Fact]
    public void Dispose_UncommittedChanges_AreLost()
    {
        using (var fixture = new IndexFixture(inMemory: false, directory: _directory))
        {
            fixture.Index.Upsert(DemoInstitution.Book());
            fixture.Index.Commit(1);
            fixture.Index.Upsert(DemoInstitution.Scroll());
        }

        using var reopened = new IndexFixture(inMemory: false, directory: _directory);
        Assert.Equal(1, reopened.Index.CommittedSequence);
        Assert.Null(reopened.Search.FindByUri(DemoInstitution.ScrollUri));
    }

    [Fact]
    public void Upsert_SameUri_ReplacesResourceAndAnnotations()
    {
        using var fixture = IndexFixture.WithDemo();
        var changed = DemoInstitution.Book() with
        {
            Annotations = [DemoInstitution.OcrLine(DemoInstitution.Canvas(DemoInstitution.BookUri, 1), "An owl at night", 0, 0)],
        };

        fixture.Index.Upsert(changed);
        fixture.Index.Commit(6);

        var scope = SearchScope.For(fixture.Search.FindByUri(DemoInstitution.BookUri)!);
        Assert.Equal(0, fixture.Search.Search(Request(scope, "hand")).Total);
        Assert.Equal(1, fixture.Search.Search(Request(scope, "owl")).Total);
        Assert.Equal(1, fixture.Index.GetStatistics().Manifests - 2);
    }

    [Fact]
    public void Upsert_LabelOverLucenesTermLimit_IsIndexed()
    {
        // A title field holding a whole transcription: over the 32766 bytes Lucene takes as one term or doc value.
        using var fixture = IndexFixture.WithDemo();
        var label = string.Concat(Enumerable.Repeat("Grüße aus Köln ", 3000));
        var book = DemoInstitution.Book();

        fixture.Index.Upsert(book with { Resource = book.Resource with { Label = Iiif.Model.LanguageMap.Of("de", label) } });
        fixture.Index.Commit(6);

        Assert.Equal([label], fixture.Search.FindByUri(DemoInstitution.BookUri)!.Label.AllValues);
    }

    [Fact]
    public void Delete_Uri_RemovesEverything()
    {
        using var fixture = IndexFixture.WithDemo();

        fixture.Index.Delete(DemoInstitution.BookUri);
        fixture.Index.Commit(7);

        Assert.Null(fixture.Search.FindByUri(DemoInstitution.BookUri));
        Assert.Equal(0, fixture.Search.Search(Request(SearchScope.All, "hand")).Total);
    }

    [Fact]
    public void DeleteAll_ThenCommit_EmptiesIndex()
    {
        using var fixture = IndexFixture.WithDemo();

        fixture.Index.DeleteAll();
        fixture.Index.Commit(0);

        var statistics = fixture.Index.GetStatistics();
        Assert.Equal(0, statistics.Manifests + statistics.Collections + statistics.Annotations);
    }

    [Fact]
    public void Upsert_FromManyThreads_IndexesEverything()
    {
        using var fixture = new IndexFixture();
        var canvas = DemoInstitution.Canvas(DemoInstitution.BookUri, 1);

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var uri = $"https://demo.example.org/iiif/many/{i}/manifest";
            fixture.Index.Upsert(DemoInstitution.Indexed(
                uri,
                DemoInstitution.Manifest(uri, $"Item {i}", "en", [canvas], "Demo"),
                [DemoInstitution.OcrLine(canvas, $"parallel line number{i}", 0, 0) with { CanvasId = canvas }],
                []));
        });
        fixture.Index.Commit(200);

        var statistics = fixture.Index.GetStatistics();
        Assert.Equal(200, statistics.Manifests);
        Assert.Equal(200, statistics.Annotations);
        Assert.Equal(200, fixture.Search.Search(Request(SearchScope.All, "parallel")).Total);
    }

    [Fact]
    public void GetStatistics_Demo_CountsResourcesAndAnnotations()
    {
        using var fixture = IndexFixture.WithDemo();

        var statistics = fixture.Index.GetStatistics();

        Assert.Equal(3, statistics.Manifests);
        Assert.Equal(2, statistics.Collections);
        Assert.Equal(10, statistics.Annotations);
        Assert.Equal(5, statistics.CommittedSequence);
        Assert.True(statistics.SizeBytes > 0);
    }

    private static ContentSearchRequest Request(SearchScope scope, string q)
    {
        Assert.True(UserQuery.TryParse(q, 256, 16, out var query, out _));
        return new ContentSearchRequest { Scope = scope, Query = query };
    }

    private IndexFixture Reopen(IndexFixture open)
    {
        open.Dispose();
        return new IndexFixture(inMemory: false, directory: _directory);
    }
}
