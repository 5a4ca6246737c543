using System.Collections.Concurrent;
using System.Threading.Channels;
using IiifHarvester.Crawling.Collections;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Storage.Documents;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// Crawls a source's collection tree into the store: every collection document as fetched with what it lists (the
/// collection membership the index and <c>/api/resources</c> read), and every manifest it names through
/// <see cref="ManifestHarvester"/> while the walk goes on. A complete walk of a source without
/// Discovery streams is also its reconciliation: a manifest we hold that no collection names any more is deleted.
/// </summary>
internal sealed class CollectionHarvester
{
    private readonly ICollectionWalker _walker;
    private readonly ManifestHarvester _manifests;
    private readonly IDocumentStore _store;
    private readonly TimeProvider _time;
    private readonly HarvestingOptions _options;

    public CollectionHarvester(ICollectionWalker walker, ManifestHarvester manifests, IDocumentStore store, TimeProvider time, IOptions<HarvestingOptions> options)
    {
        _walker = walker;
        _manifests = manifests;
        _store = store;
        _time = time;
        _options = options.Value;
    }

    /// <summary>Crawls <paramref name="root"/>; false when not even the root could be read.</summary>
    public async Task<bool> HarvestAsync(HarvestRun run, Uri root, bool reconcile, CancellationToken cancellationToken)
    {
        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var manifestFailures = 0;
        var collectionsRead = 0;
        var complete = false;
        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(_options.Parallelism * 4) { SingleWriter = true });
        // The workers run where the run runs (BackgroundPriority's lowered threads), not on the request handlers' pool.
        var workers = Enumerable.Range(0, _options.Parallelism).Select(_ => Task.Factory.StartNew(
            async () =>
            {
                await foreach (var uri in queue.Reader.ReadAllAsync(cancellationToken))
                {
                    if (await _manifests.HarvestAsync(run, uri, HarvestReason.CollectionMember, cancellationToken) is not null)
                    {
                        Interlocked.Increment(ref manifestFailures);
                    }
                }
            },
            cancellationToken,
            TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Current).Unwrap()).ToList();

        try
        {
            var request = new CollectionWalkRequest { GetCached = GetCachedAsync };
            await foreach (var item in _walker.WalkAsync(root, request, run.Policy, cancellationToken))
            {
                switch (item)
                {
                    case CollectionDocument document:
                        collectionsRead++;
                        run.Counters.PageWalked();
                        await KeepCollectionAsync(run, document, cancellationToken);
                        break;
                    case ManifestReference manifest when seen.TryAdd(manifest.ManifestId, 0):
                        await queue.Writer.WriteAsync(manifest.ManifestId, cancellationToken);
                        break;
                    case CollectionFailure failure:
                        run.Counters.DocumentFailed();
                        run.Error($"{failure.Uri}: {failure.Error}");
                        break;
                    case CollectionWalkSummary summary:
                        complete = summary.Complete && summary.Failures == 0;
                        break;
                }
            }
        }
        finally
        {
            queue.Writer.TryComplete();
            await Task.WhenAll(workers);
        }

        if (reconcile && complete && Volatile.Read(ref manifestFailures) == 0)
        {
            var listed = run.Source.Manifests.Select(m => m.AbsoluteUri).ToHashSet(StringComparer.Ordinal);
            var gone = new List<string>();
            await foreach (var info in _store.ListAsync(run.Source.Key, DocumentKind.Manifest, includeDeleted: false, cancellationToken))
            {
                if (!seen.ContainsKey(info.Uri) && !listed.Contains(info.Uri))
                {
                    gone.Add(info.Uri);
                }
            }

            foreach (var uri in gone)
            {
                if (await _store.DeleteAsync(uri, _time.GetUtcNow(), cancellationToken) is not null)
                {
                    run.Counters.DocumentDeleted();
                }
            }
        }

        return collectionsRead > 0;
    }

    private async ValueTask<CachedDocument?> GetCachedAsync(Uri uri, CancellationToken cancellationToken)
    {
        var stored = await _store.GetAsync(uri.AbsoluteUri, cancellationToken);
        return stored is null || stored.Info.IsDeleted
            ? null
            : new CachedDocument(stored.Body) { ETag = stored.Info.ETag, LastModified = stored.Info.LastModified };
    }

    private async Task KeepCollectionAsync(HarvestRun run, CollectionDocument document, CancellationToken cancellationToken)
    {
        await StoreCollectionAsync(run, document, cancellationToken);

        // After the collection and before the manifests it lists are queued: a manifest stored later is indexed with
        // this membership already in place. An unchanged listing costs one read.
        var uri = document.Uri.AbsoluteUri;
        await _store.SetMembersAsync(CollectionListings.Of(uri, document.PageOf ?? uri, run.Source.Key, document.Collection), cancellationToken);
    }

    private async Task StoreCollectionAsync(HarvestRun run, CollectionDocument document, CancellationToken cancellationToken)
    {
        run.Counters.DocumentFetched();
        if (document.IsUnchanged)
        {
            await _store.MarkRevalidatedAsync(document.Uri.AbsoluteUri, _time.GetUtcNow(), cancellationToken);
            run.Counters.DocumentUnchanged();
            return;
        }

        var write = await _store.PutAsync(
            new DocumentWrite
            {
                Uri = document.Uri.AbsoluteUri,
                SourceKey = run.Source.Key,
                Kind = DocumentKind.Collection,
                Body = document.Body,
                ContentType = document.Fetch.ContentType,
                ETag = document.Fetch.ETag,
                LastModified = document.Fetch.LastModified,
                FetchedAt = _time.GetUtcNow(),
            },
            cancellationToken);
        switch (write.Outcome)
        {
            case WriteOutcome.Added:
                run.Counters.DocumentAdded();
                break;
            case WriteOutcome.Updated:
                run.Counters.DocumentUpdated();
                break;
            default:
                run.Counters.DocumentUnchanged();
                break;
        }
    }
}
