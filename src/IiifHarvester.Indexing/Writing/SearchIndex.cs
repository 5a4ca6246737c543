using System.Globalization;
using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Schema;
using IiifHarvester.Indexing.Store;
using IiifHarvester.Indexing.Threading;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IiifHarvester.Indexing.Writing;

/// <summary>
/// The single <see cref="IndexWriter"/> on the index directory and the <see cref="SearcherManager"/> that hands out
/// near-real-time searchers. IndexWriter is thread-safe, so concurrent upserts need no lock of ours; commits are
/// serialised so the sequence in the commit data never goes backwards. A write that fails (a full disk) leaves the
/// writer rolled back and reopened from its last commit — a writer that hit an I/O error mid-flush may be unusable —
/// while searches go on over the last committed index; the feeder then applies the changes since again.
/// </summary>
internal sealed class SearchIndex : ISearchIndex, IIndexHandle, IDisposable
{
    private const string SequenceKey = "sequence";
    private const string SchemaKey = "schema";

    /// <summary>
    /// The version of the document layout the builders write; an index committed with another (or none) is caught
    /// up from sequence 0, so every resource is indexed again with the fields searches now expect. Raise it when a
    /// builder adds or changes a field. 2: text kinds, image services and harvest-time doc values. 3: each
    /// resource's last change (time and sequence), stored and sortable, instead of harvest-time doc values. 4: the
    /// analysis undoes hyphenation (soft hyphens, a word hyphenated across a line's end), so text is tokenised anew.
    /// 5: an ALTO <c>HYP</c> shown as "-" is read as U+2010, which the analysis joins too, so OCR is read anew.
    /// 6: a line keeps the time (<c>#t=</c>) its annotation targets on an audio or video canvas.
    /// 7: the OCR readers honour ALTO <c>SP</c> and read hOCR character boxes, line-end soft hyphens and languages
    /// otherwise, so OCR is read anew.
    /// 8: a word broken with a plain hyphen at a line's end is indexed whole as well as in its parts; a Mirador 2
    /// comment with tags is a comment, not a tag.
    /// 9: a word broken at a line's end goes on past a continued quotation's "» " at the next line's start.
    /// </summary>
    private const string Schema = "9";

    private readonly LuceneDirectory _directory;

    // This process's hold on the index directory (none in memory): one writer per directory across processes.
    private readonly IndexDirectoryLock? _lock;
    private readonly Func<OpenMode, IndexWriterConfig> _config;

    // The writer and its searcher manager, replaced together when a failed write forces a reopen.
    private volatile WriterState _state;
    private volatile bool _broken;

    // Writes since the last commit, which a reopen drops (the feeder applies its changes, then commits them).
    private long _uncommitted;
    private int _searched;
    private int _refreshQueued;
    private int _refreshesQueued;
    private readonly ITimer? _refreshTimer;
    private readonly ILogger<SearchIndex> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly System.Threading.Lock _commitLock = new();
    private readonly System.Threading.Lock _reopenLock = new();
    private long _committedSequence;
    private bool _disposed;

    public SearchIndex(IOptions<IndexingOptions> options, TimeProvider timeProvider, ILogger<SearchIndex> logger, IEnumerable<IIndexDirectoryFilter>? filters = null)
    {
        var settings = options.Value;
        _logger = logger;
        _timeProvider = timeProvider;
        Analyzer = new TextAnalyzer();
        string location;
        if (settings.InMemory)
        {
            _directory = new RAMDirectory();
            location = "memory";
        }
        else
        {
            location = Path.GetFullPath(settings.Directory!);
            System.IO.Directory.CreateDirectory(location);
            _lock = IndexDirectoryLock.Take(location, timeProvider.GetUtcNow());
            // Memory-mapped reads: no lock around a shared file position, so concurrent searches do not queue
            // (FSDirectory.Open picks a positional-read directory on Linux), and no table of clones for the
            // garbage collector to walk (MappedDirectory says why).
            _directory = new MappedDirectory(new DirectoryInfo(location));
            foreach (var filter in filters ?? [])
            {
                _directory = filter.Wrap(location, _directory);
            }
        }

        _config = mode =>
        {
            // Merges run beside the searches: one merge thread on a small machine (a quarter of the cores, at most
            // three, on a larger one), below normal priority where the OS honours it, and a merged segment is warmed
            // (terms, norms, doc values opened, the catalog's facet columns read) before readers see it, so the first
            // searches on it do not pay for that.
            // A merge that fails (a full disk) is logged, not rethrown on its thread, and the writer is reopened.
            var merges = new LoggingMergeScheduler(logger, _ => _broken = true);
            var threads = Math.Clamp(Environment.ProcessorCount / 4, 1, 3);
            merges.SetMaxMergesAndThreads(threads + 2, threads);
            merges.SetMergeThreadPriority((int)ThreadPriority.BelowNormal);
            return new(LuceneVersion.LUCENE_48, Analyzer)
            {
                OpenMode = mode,
                RAMBufferSizeMB = settings.RamBufferMegabytes,
                MergePolicy = NewMergePolicy(),
                MergeScheduler = merges,
                MergedSegmentWarmer = new MergedSegmentWarmer(),
            };
        };

        IndexWriter writer;
        try
        {
            writer = OpenWriter(location);
        }
        catch
        {
            _lock?.Dispose();
            throw;
        }

        _state = new WriterState(writer, new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null));
        if (settings.RefreshInterval > TimeSpan.Zero)
        {
            // The refresh flushes what the harvest buffered into a new segment and applies its deletes: work of the
            // harvest's, so it runs on the lowered background threads rather than on the timer's (a pool thread that
            // request handlers share), and at most one waits to run at a time.
            _refreshTimer = timeProvider.CreateTimer(_ => RefreshIfSearched(), null, settings.RefreshInterval, settings.RefreshInterval);
        }

        Log.IndexOpened(_logger, location, _committedSequence, writer.NumDocs);
    }

    /// <summary>
    /// Lucene's tiered merge policy with 4 segments to a tier rather than 10. A harvest's near-real-time refreshes
    /// flush a small segment every second, and a search opens every segment: with 10 to a tier the index held 12-22
    /// segments during the search bench's harvest (3 before it), and a search within a manifest took about twice its
    /// idle time even with the harvest held (p50 0.13 -> 0.24 ms, p99 0.37 -> 0.81 ms). With 4 it held 5-7. The
    /// merges that costs are the harvest's: they run on the lowered merge thread.
    /// </summary>
    internal static TieredMergePolicy NewMergePolicy() => new() { SegmentsPerTier = 4 };

    private IndexWriter OpenWriter(string location)
    {
        IndexWriter writer;
        try
        {
            _committedSequence = ReadCommittedSequence(_directory);

            // Fails with LockObtainFailedException when this process has a writer open on it already (other processes
            // are kept out by IndexDirectoryLock: Lucene.Net's write.lock is a shared lock on Linux).
            writer = new IndexWriter(_directory, _config(OpenMode.CREATE_OR_APPEND));
        }
        catch (IOException ex) when (ex is not LockObtainFailedException)
        {
            // A process killed while writing the index's very first commit leaves a truncated segments file and no
            // older commit to fall back to. The index is only a view of the store: start it afresh at sequence 0
            // and the feeder rebuilds it from the change log.
            Log.IndexUnreadable(_logger, location, ex);
            foreach (var file in _directory.ListAll().Where(f => !IndexDirectoryLock.IsLockFile(f)))
            {
                _directory.DeleteFile(file);
            }

            _committedSequence = 0;
            writer = new IndexWriter(_directory, _config(OpenMode.CREATE));
        }

        return writer;
    }

    public TextAnalyzer Analyzer { get; }

    public long CommittedSequence => Interlocked.Read(ref _committedSequence);

    /// <summary>Whether a failure (a write's or a merge's) left the writer to be reopened before the next write.</summary>
    internal bool NeedsReopen => _broken;

    public void Upsert(IndexedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var documents = new List<IEnumerable<IIndexableField>> { ResourceDocumentBuilder.Build(resource) };
        documents.AddRange(TextDocumentBuilder.Build(resource));

        // One atomic delete-and-add of a block: readers see the old or the new version, never half of each,
        // and the block keeps a resource's text documents together in canvas order.
        Write(w => w.UpdateDocuments(new Term(FieldNames.Owner, resource.Uri), documents));
    }

    public void Delete(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Write(w => w.DeleteDocuments(new Term(FieldNames.Owner, uri)));
    }

    public void Commit(long sequence)
    {
        lock (_commitLock)
        {
            var started = _timeProvider.GetTimestamp();
            Write(w =>
            {
                w.SetCommitData(new Dictionary<string, string>
                {
                    [SequenceKey] = sequence.ToString(CultureInfo.InvariantCulture),
                    [SchemaKey] = Schema,
                });
                w.Commit();
            }, commits: true);

            // Readers first, then the sequence: whoever sees CommittedSequence reach a change also finds it in search.
            _state.Manager.MaybeRefreshBlocking();
            Interlocked.Exchange(ref _committedSequence, sequence);
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Committed(_logger, sequence, elapsed);
        }
    }

    public void DeleteAll()
    {
        Write(w => w.DeleteAll());
        Log.DeletedAll(_logger);
    }

    /// <summary>
    /// Runs one write on the writer. A failure rolls the writer back to its last commit and reopens it before the
    /// exception goes on to the caller, whose changes since that commit are then applied again. A writer left unusable
    /// by an earlier failure (or a failed merge) is reopened first; if that dropped writes made since the last commit,
    /// this write fails with an <see cref="IOException"/> saying so, for the same reason: a failed merge is noticed on
    /// its own thread, after writes that succeeded and that the next commit must not claim.
    /// </summary>
    private void Write(Action<IndexWriter> write, bool commits = false)
    {
        if (_broken && Reopen())
        {
            throw new IOException(
                $"The index writer was reopened from its last commit (sequence {CommittedSequence}) after a failed merge; the writes made since were dropped and must be made again.");
        }

        try
        {
            write(_state.Writer);
            if (commits)
            {
                Interlocked.Exchange(ref _uncommitted, 0);
            }
            else
            {
                Interlocked.Increment(ref _uncommitted);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException && !_disposed)
        {
            Log.WriteFailed(_logger, CommittedSequence, ex);
            _broken = true;
            Reopen();
            throw;
        }
    }

    /// <summary>Reopens a broken writer from its last commit; returns whether that dropped writes made since.</summary>
    private bool Reopen()
    {
        lock (_reopenLock)
        {
            if (!_broken || _disposed)
            {
                return false;
            }

            var old = _state;
            var dropped = Interlocked.Exchange(ref _uncommitted, 0) > 0;
            try
            {
                // Rolling back closes the writer and frees write.lock; what was not committed is dropped (the store
                // still has it). Searches keep the readers they hold: their files are the last commit's.
                old.Writer.Rollback();
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                Log.ReopenFailed(_logger, ex);
            }

            try
            {
                var writer = new IndexWriter(_directory, _config(OpenMode.CREATE_OR_APPEND));
                _state = new WriterState(writer, new SearcherManager(writer, applyAllDeletes: true, searcherFactory: null));
                Interlocked.Exchange(ref _committedSequence, ReadCommittedSequence(_directory));
                _broken = false;
                old.Manager.Dispose();
            }
            catch (IOException ex)
            {
                // Still no room (or no lock): searches go on over the old readers, and the next write tries again.
                Log.ReopenFailed(_logger, ex);
                throw;
            }

            return dropped;
        }
    }

    public IndexStatistics GetStatistics()
    {
        var searcher = Acquire();
        try
        {
            var reader = searcher.IndexReader;
            long annotations = 0;
            long textDocuments = 0;
            foreach (var leaf in reader.Leaves)
            {
                var lineCounts = leaf.AtomicReader.GetNumericDocValues(FieldNames.LineCount);
                var docsWithLines = leaf.AtomicReader.GetDocsWithField(FieldNames.LineCount);
                var live = leaf.AtomicReader.LiveDocs;
                if (lineCounts is null || docsWithLines is null)
                {
                    continue;
                }

                for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
                {
                    if ((live is null || live.Get(doc)) && docsWithLines.Get(doc))
                    {
                        annotations += lineCounts.Get(doc);
                        textDocuments++;
                    }
                }
            }

            return new IndexStatistics
            {
                Manifests = Count(searcher, nameof(Iiif.Model.PresentationKind.Manifest)),
                Collections = Count(searcher, nameof(Iiif.Model.PresentationKind.Collection)),
                Annotations = annotations,
                TextDocuments = textDocuments,
                Segments = reader.Leaves.Count,
                SizeBytes = DirectorySize(),
                CommittedSequence = CommittedSequence,
                Generation = ((DirectoryReader)reader).Version,
            };
        }
        finally
        {
            Release(searcher);
        }
    }

    public IndexSearcher Acquire()
    {
        Volatile.Write(ref _searched, 1);
        while (true)
        {
            var state = _state;
            try
            {
                return state.Manager.Acquire();
            }
            catch (ObjectDisposedException) when (!ReferenceEquals(state, _state))
            {
                // The writer was reopened meanwhile: acquire from the new one.
            }
        }
    }

    // A searcher holds one reference on its reader, whichever manager handed it out (one may have been replaced since).
    public void Release(IndexSearcher searcher)
    {
        ArgumentNullException.ThrowIfNull(searcher);
        searcher.IndexReader.DecRef();
    }

    /// <summary>
    /// The timer's refresh, made only when readers were asked for since the last one. A refresh flushes the writer's
    /// buffered documents into a new small segment, which merges then rewrite; during a bulk harvest that nobody
    /// searches, doing it every interval only multiplies segments and merges (readers still move at every commit).
    /// </summary>
    private void RefreshIfSearched()
    {
        if (Interlocked.Exchange(ref _searched, 0) == 1 && Interlocked.Exchange(ref _refreshQueued, 1) == 0)
        {
            Interlocked.Increment(ref _refreshesQueued);
            BackgroundPriority.Queue(() =>
            {
                Volatile.Write(ref _refreshQueued, 0);
                Refresh();
            });
        }
    }

    /// <summary>Refreshes the timer has queued so far: a test's view of <see cref="RefreshIfSearched"/>.</summary>
    internal int RefreshesQueued => Volatile.Read(ref _refreshesQueued);

    /// <summary>Makes recent upserts searchable without a commit.</summary>
    public void Refresh()
    {
        try
        {
            _state.Manager.MaybeRefresh();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A refresh queued before the index closed finds it closed: nothing to refresh, and nothing went wrong.
            if (!Volatile.Read(ref _disposed))
            {
                Log.RefreshFailed(_logger, ex);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _refreshTimer?.Dispose();
        var state = _state;
        state.Manager.Dispose();

        // Roll back rather than commit: what was not committed with a sequence is re-applied by the catch-up,
        // so the index on disk always equals the store up to its committed sequence.
        try
        {
            state.Writer.Rollback();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Log.ReopenFailed(_logger, ex);
        }

        _directory.Dispose();
        _lock?.Dispose();
        Analyzer.Dispose();
        Log.Closed(_logger, CommittedSequence);
    }

    private static int Count(IndexSearcher searcher, string kind)
    {
        var collector = new TotalHitCountCollector();
        searcher.Search(new TermQuery(new Term(FieldNames.Kind, kind)), collector);
        return collector.TotalHits;
    }

    private long DirectorySize()
    {
        long total = 0;
        foreach (var file in _directory.ListAll())
        {
            try
            {
                total += _directory.FileLength(file);
            }
            catch (IOException)
            {
                // A file merged away between listing and measuring.
            }
        }

        return total;
    }

    private long ReadCommittedSequence(LuceneDirectory directory)
    {
        if (!DirectoryReader.IndexExists(directory))
        {
            return 0;
        }

        var commits = DirectoryReader.ListCommits(directory);
        var last = commits[^1];
        if (!last.UserData.TryGetValue(SequenceKey, out var value))
        {
            return 0;
        }

        if (!last.UserData.TryGetValue(SchemaKey, out var schema) || schema != Schema)
        {
            // Upserts replace each resource's whole block, so replaying the change log rewrites every document.
            Log.SchemaChanged(_logger, schema ?? "1", Schema);
            return 0;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return sequence;
        }

        Log.BadSequence(_logger, value);
        return 0;
    }

    /// <summary>A writer and the searcher manager reading through it.</summary>
    private sealed record WriterState(IndexWriter Writer, SearcherManager Manager);
}
