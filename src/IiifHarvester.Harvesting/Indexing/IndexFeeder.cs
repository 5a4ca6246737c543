using System.Collections.Concurrent;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Harvesting.Status;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Threading;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Images;
using Microsoft.Extensions.Logging;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Indexing;

/// <summary>
/// Brings the index up to the store: reads the change log after the sequence the index's last commit holds, loads
/// each changed manifest or collection with the documents it owns and the collections it is in (at any depth), parses
/// them and replaces what the index holds, then commits with the sequence reached. The index is a view of the store
/// (DESIGN.md), so a crash anywhere loses nothing: the next catch-up starts again from the last commit.
/// </summary>
public sealed partial class IndexFeeder : IDisposable
{
    private const int BatchSize = 2048;

    private readonly IDocumentStore _store;
    private readonly ISearchIndex _index;
    private readonly IImageServiceCatalog _images;
    private readonly SourceCatalog _sources;
    private readonly TimeProvider _time;
    private readonly ILogger<IndexFeeder> _logger;
    private readonly WriteHealth _health;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, byte> _registeredImageServices = new(StringComparer.Ordinal);

    // The last change applied to the writer, committed or not (under _gate). Applied-but-uncommitted changes are
    // searchable through near-real-time readers; a crash loses only them, and the next start re-applies from the
    // committed sequence (applying is idempotent).
    private long _applied = -1;

    public IndexFeeder(IDocumentStore store, ISearchIndex index, IImageServiceCatalog images, SourceCatalog sources, WriteHealth health, TimeProvider time, ILogger<IndexFeeder> logger)
    {
        _health = health;
        _store = store;
        _index = index;
        _images = images;
        _sources = sources;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Applies every change the index does not hold yet and commits them with the sequence reached; returns how many
    /// resources were applied.
    /// </summary>
    public Task<int> CatchUpAsync(CancellationToken cancellationToken) => CatchUpAsync(commit: true, cancellationToken);

    /// <summary>
    /// Applies every change the index does not hold yet; commits only when <paramref name="commit"/> is set (or when
    /// applied changes are waiting to be committed). Applying without committing lets a long harvest index as it
    /// goes, so parsing and indexing overlap the fetching, while commits (segment flushes, fsyncs, merges) stay as
    /// rare as the configured interval. Parsing and indexing run on <see cref="BackgroundPriority"/>'s lowered
    /// threads, whoever asks (the hosted follower, a run's last catch-up), so searches keep their latency meanwhile.
    /// </summary>
    public Task<int> CatchUpAsync(bool commit, CancellationToken cancellationToken) =>
        BackgroundPriority.Run(() => CatchUpInBackgroundAsync(commit, cancellationToken));

    private async Task<int> CatchUpInBackgroundAsync(bool commit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var applied = 0;
            if (_applied < _index.CommittedSequence)
            {
                _applied = _index.CommittedSequence;
            }

            while (true)
            {
                var changes = await _store.GetChangesAsync(_applied, BatchSize, cancellationToken);
                if (changes.Count == 0)
                {
                    break;
                }

                // Only the newest change per resource matters within a batch; the store holds its current state.
                var newest = new Dictionary<string, ChangeRecord>(StringComparer.Ordinal);
                var bySequence = new Dictionary<long, ChangeRecord>();
                foreach (var change in changes)
                {
                    newest[change.Uri] = change;
                    bySequence[change.Sequence] = change;
                }

                var images = new ConcurrentDictionary<string, ImageServiceRecord>(StringComparer.Ordinal);
                await Parallel.ForEachAsync(
                    newest.Values,
                    new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount, TaskScheduler = TaskScheduler.Current },
                    async (change, ct) => await ApplyAsync(change, bySequence, images, ct));

                // The batch's new image services in one write, before the commit that makes their manifests durable.
                if (!images.IsEmpty)
                {
                    await _images.RegisterAsync(images.Values.ToList(), cancellationToken);
                    foreach (var key in images.Keys)
                    {
                        _registeredImageServices.TryAdd(key, 0);
                    }
                }

                applied += newest.Count;
                _applied = changes[^1].Sequence;
            }

            if (commit && _applied > _index.CommittedSequence)
            {
                _index.Commit(_applied);
                LogCommitted(_applied, applied);
                _health.Succeeded(WriteHealth.Index);
            }

            return applied;
        }
        catch (Exception ex)
        {
            // A batch cut short may be half applied: start again from what is committed.
            _applied = -1;
            if (ex is not OperationCanceledException)
            {
                _health.Failed(WriteHealth.Index, ex);
            }

            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    /// <summary>Empties the index and rebuilds it from the store alone (on the lowered threads, as a catch-up).</summary>
    public Task<int> ReindexAsync(CancellationToken cancellationToken) =>
        BackgroundPriority.Run(() => ReindexInBackgroundAsync(cancellationToken));

    private async Task<int> ReindexInBackgroundAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _index.DeleteAll();
            _index.Commit(0);
            _applied = 0;
        }
        finally
        {
            _gate.Release();
        }

        return await CatchUpAsync(cancellationToken);
    }

    private async Task ApplyAsync(
        ChangeRecord applying, Dictionary<long, ChangeRecord> batch, ConcurrentDictionary<string, ImageServiceRecord> images, CancellationToken cancellationToken)
    {
        var uri = applying.Uri;
        var document = await _store.GetAsync(uri, cancellationToken);
        if (document is null || document.Info.IsDeleted)
        {
            _index.Delete(uri);
            return;
        }

        var outcome = IiifParser.Parse(document.Body, new IiifParserOptions { DocumentUri = uri });
        if (outcome.Document is not PresentationResource resource)
        {
            // The harvest stores only what parsed; this is a document from an older parser. Keep what the index has.
            LogUnparseable(uri, outcome.Error ?? outcome.Document?.GetType().Name ?? "unknown");
            return;
        }

        var annotations = new List<AnnotationRecord>(resource.Annotations.Select(a => a with { ManifestId = uri }));
        if (resource.Kind == PresentationKind.Manifest)
        {
            annotations.AddRange(await LoadOwnedAnnotationsAsync(uri, resource, cancellationToken));
            CollectImageServices(uri, document.Info.SourceKey, resource, images);
        }

        var collections = await _store.GetCollectionsOfAsync(uri, cancellationToken);
        var changed = await ContentChangeAsync(document.Info, applying, batch, cancellationToken);
        var indexed = new IndexedResource
        {
            Key = ResourceKey.For(uri),
            Uri = uri,
            SourceKey = document.Info.SourceKey,
            SourceName = _sources.Find(document.Info.SourceKey)?.Name ?? document.Info.SourceKey,
            Resource = resource,
            Annotations = annotations,
            HarvestedAt = document.Info.FetchedAt,
            ChangeSequence = changed.Sequence,
            ChangedAt = changed.At,
            ParentCollections = collections.Where(c => c.Depth == 1).Select(c => c.CollectionUri).ToList(),
            Collections = collections.Select(c => c.CollectionUri).ToList(),
        };
        try
        {
            _index.Upsert(indexed);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            // Lucene refuses a document holding a term or a doc value over its 32766-byte limit (a hostile rights value,
            // a canvas id of a megabyte). Left to fail the batch, it would fail every catch-up after it and hold back
            // every other document; skipped, it keeps what the index had of it. A null argument is our own mistake, not
            // the document's, and fails the batch as any other error does.
            LogUnindexable(uri, ex.Message);
        }
    }

    /// <summary>
    /// The change log entry of the document's last change of content: the sequence the store keeps on the document
    /// (a write of new bytes, a change to what it owns, an update the institution announced), which a re-fetch of the
    /// same bytes and a change of the collections it is in leave as it was. So a feed dates an object by when the store
    /// recorded what it now holds, whichever change brought the index here, and a rebuild from the store dates it alike.
    /// </summary>
    private async Task<ChangeRecord> ContentChangeAsync(
        StoredDocumentInfo info, ChangeRecord applying, Dictionary<long, ChangeRecord> batch, CancellationToken cancellationToken)
    {
        if (batch.TryGetValue(info.Sequence, out var inBatch))
        {
            return inBatch;
        }

        if (info.Sequence > 0
            && await _store.GetChangesAsync(info.Sequence - 1, 1, cancellationToken) is [var logged]
            && logged.Sequence == info.Sequence
            && string.Equals(logged.Uri, info.Uri, StringComparison.Ordinal))
        {
            return logged;
        }

        // A document without a logged change of its own (none is known to exist): the change being applied.
        return applying;
    }

    private async Task<List<AnnotationRecord>> LoadOwnedAnnotationsAsync(string manifestUri, PresentationResource manifest, CancellationToken cancellationToken)
    {
        var records = new List<AnnotationRecord>();
        var owned = await _store.GetOwnedDocumentsAsync(manifestUri, cancellationToken);
        var canvases = new Dictionary<string, Canvas>(StringComparer.Ordinal);
        foreach (var canvas in manifest.Canvases)
        {
            // Real manifests repeat canvas ids now and then; the first one wins, as in viewers.
            canvases.TryAdd(canvas.Id, canvas);
        }

        // In the manifest's own order (its lists, then each canvas's lists, then OCR), not the order the fetches
        // happened to finish in: two lists of one canvas are read, joined and searched as the manifest sequences them.
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (uri, _) in ManifestDependents.InOrder(manifest, includeOcr: true))
        {
            order.TryAdd(uri, order.Count);
        }

        foreach (var stored in owned.OrderBy(d => order.TryGetValue(d.Info.Uri, out var position) ? position : int.MaxValue).ThenBy(d => d.Info.Uri, StringComparer.Ordinal))
        {
            records.AddRange(OwnedDocumentReader.Read(stored, manifestUri, canvases, out var error));
            if (error is not null)
            {
                LogUnparseable(stored.Info.Uri, error);
            }
        }

        return records;
    }

    private void CollectImageServices(string manifestUri, string sourceKey, PresentationResource manifest, ConcurrentDictionary<string, ImageServiceRecord> services)
    {
        foreach (var image in manifest.Canvases.SelectMany(c => c.Images))
        {
            if (image.Service?.Id is { } id)
            {
                var serviceId = ResourceKey.NormalizeImageServiceId(id);
                var key = ResourceKey.For(serviceId);
                if (!_registeredImageServices.ContainsKey(key))
                {
                    services.TryAdd(key, new ImageServiceRecord
                    {
                        Key = key,
                        ServiceId = serviceId,
                        Profile = image.Service.Type ?? image.Service.Profile,
                        SourceKey = sourceKey,
                        ManifestUri = manifestUri,
                    });
                }
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Debug, Message = "Index committed at change {Sequence} ({Count} resources)")]
    private partial void LogCommitted(long sequence, int count);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Stored document {Uri} could not be read for the index: {Reason}")]
    private partial void LogUnparseable(string uri, string reason);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Stored document {Uri} was refused by the index and skipped: {Reason}")]
    private partial void LogUnindexable(string uri, string reason);
}
