using System.Globalization;
using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Schema;
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
/// serialised so the sequence in the commit data never goes backwards.
/// </summary>
internal sealed class SearchIndex : ISearchIndex, IIndexHandle, IDisposable
{
    private const string SequenceKey = "sequence";
    private const string SchemaKey = "schema";

    /// <summary>
    /// The version of the document layout the builders write; an index committed with another (or none) is caught
    /// up from sequence 0, so every resource is indexed again with the fields searches now expect. Raise it when a
    /// builder adds or changes a field. 2: text kinds, image services and harvest-time doc values.
    /// </summary>
    private const string Schema = "2";

    private readonly LuceneDirectory _directory;
    private readonly IndexWriter _writer;
    private readonly SearcherManager _manager;
    private int _searched;
    private readonly ITimer? _refreshTimer;
    private readonly ILogger<SearchIndex> _logger;
    private readonly TimeProvider _timeProvider;
    private readonly System.Threading.Lock _commitLock = new();
    private long _committedSequence;
    private bool _disposed;

    public SearchIndex(IOptions<IndexingOptions> options, TimeProvider timeProvider, ILogger<SearchIndex> logger)
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
            // Memory-mapped reads: no lock around a shared file position, so concurrent searches do not queue
            // (FSDirectory.Open picks a positional-read directory on Linux).
            _directory = new MMapDirectory(new DirectoryInfo(location));
        }

        IndexWriterConfig Config(OpenMode mode)
        {
            // Merges run beside the searches: one merge thread on a small machine (a quarter of the cores, at most
            // three, on a larger one), below normal priority where the OS honours it, and a merged segment is warmed
            // (terms, norms, doc values opened) before readers see it, so the first searches on it do not pay for that.
            var merges = new ConcurrentMergeScheduler();
            var threads = Math.Clamp(Environment.ProcessorCount / 4, 1, 3);
            merges.SetMaxMergesAndThreads(threads + 2, threads);
            merges.SetMergeThreadPriority((int)ThreadPriority.BelowNormal);
            return new(LuceneVersion.LUCENE_48, Analyzer)
            {
                OpenMode = mode,
                RAMBufferSizeMB = settings.RamBufferMegabytes,
                MergeScheduler = merges,
                MergedSegmentWarmer = new SimpleMergedSegmentWarmer(InfoStream.NO_OUTPUT),
            };
        }

        try
        {
            _committedSequence = ReadCommittedSequence(_directory);

            // Fails with LockObtainFailedException when another process holds write.lock: one writer per directory.
            _writer = new IndexWriter(_directory, Config(OpenMode.CREATE_OR_APPEND));
        }
        catch (IOException ex) when (ex is not LockObtainFailedException)
        {
            // A process killed while writing the index's very first commit leaves a truncated segments file and no
            // older commit to fall back to. The index is only a view of the store: start it afresh at sequence 0
            // and the feeder rebuilds it from the change log.
            Log.IndexUnreadable(_logger, location, ex);
            foreach (var file in _directory.ListAll())
            {
                _directory.DeleteFile(file);
            }

            _committedSequence = 0;
            _writer = new IndexWriter(_directory, Config(OpenMode.CREATE));
        }

        _manager = new SearcherManager(_writer, applyAllDeletes: true, searcherFactory: null);
        if (settings.RefreshInterval > TimeSpan.Zero)
        {
            _refreshTimer = timeProvider.CreateTimer(_ => RefreshIfSearched(), null, settings.RefreshInterval, settings.RefreshInterval);
        }

        Log.IndexOpened(_logger, location, _committedSequence, _writer.NumDocs);
    }

    public TextAnalyzer Analyzer { get; }

    public long CommittedSequence => Interlocked.Read(ref _committedSequence);

    public void Upsert(IndexedResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var documents = new List<IEnumerable<IIndexableField>> { ResourceDocumentBuilder.Build(resource) };
        documents.AddRange(TextDocumentBuilder.Build(resource));

        // One atomic delete-and-add of a block: readers see the old or the new version, never half of each,
        // and the block keeps a resource's text documents together in canvas order.
        _writer.UpdateDocuments(new Term(FieldNames.Owner, resource.Uri), documents);
    }

    public void Delete(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _writer.DeleteDocuments(new Term(FieldNames.Owner, uri));
    }

    public void Commit(long sequence)
    {
        lock (_commitLock)
        {
            var started = _timeProvider.GetTimestamp();
            _writer.SetCommitData(new Dictionary<string, string>
            {
                [SequenceKey] = sequence.ToString(CultureInfo.InvariantCulture),
                [SchemaKey] = Schema,
            });
            _writer.Commit();
            Interlocked.Exchange(ref _committedSequence, sequence);
            _manager.MaybeRefreshBlocking();
            var elapsed = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;
            Log.Committed(_logger, sequence, elapsed);
        }
    }

    public void DeleteAll()
    {
        _writer.DeleteAll();
        Log.DeletedAll(_logger);
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
            _manager.Release(searcher);
        }
    }

    public IndexSearcher Acquire()
    {
        Volatile.Write(ref _searched, 1);
        return _manager.Acquire();
    }

    public void Release(IndexSearcher searcher) => _manager.Release(searcher);

    /// <summary>
    /// The timer's refresh, made only when readers were asked for since the last one. A refresh flushes the writer's
    /// buffered documents into a new small segment, which merges then rewrite; during a bulk harvest that nobody
    /// searches, doing it every interval only multiplies segments and merges (readers still move at every commit).
    /// </summary>
    private void RefreshIfSearched()
    {
        if (Interlocked.Exchange(ref _searched, 0) == 1)
        {
            Refresh();
        }
    }

    /// <summary>Makes recent upserts searchable without a commit.</summary>
    public void Refresh()
    {
        try
        {
            _manager.MaybeRefresh();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            Log.RefreshFailed(_logger, ex);
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
        _manager.Dispose();

        // Roll back rather than commit: what was not committed with a sequence is re-applied by the catch-up,
        // so the index on disk always equals the store up to its committed sequence.
        _writer.Rollback();
        _directory.Dispose();
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
}
