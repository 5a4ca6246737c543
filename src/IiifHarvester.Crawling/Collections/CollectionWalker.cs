using System.Runtime.CompilerServices;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Model;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Crawling.Collections;

/// <summary>
/// Breadth-first over collections: v3 <c>items</c>, v2 <c>members</c>/<c>collections</c>/<c>manifests</c>, and paged v2
/// collections through <c>first</c> and <c>next</c>. Every collection URI is fetched once per walk (cycles and repeats
/// are skipped), every manifest yielded once; depth and counts are bounded; fetches are conditional when the pipeline
/// has a stored copy, and a 304 walks the stored bytes.
/// </summary>
internal sealed class CollectionWalker : ICollectionWalker
{
    private const int MaxWarnings = 100;

    private readonly IIiifFetcher _fetcher;
    private readonly ILogger<CollectionWalker> _logger;

    public CollectionWalker(IIiifFetcher fetcher, ILogger<CollectionWalker> logger)
    {
        _fetcher = fetcher;
        _logger = logger;
    }

    public async IAsyncEnumerable<CollectionWalkItem> WalkAsync(
        Uri rootCollection, CollectionWalkRequest request, FetchPolicy policy, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var queue = new Queue<Pending>();
        var seenCollections = new HashSet<string>(StringComparer.Ordinal) { Key(rootCollection.AbsoluteUri) };
        var seenManifests = new HashSet<string>(StringComparer.Ordinal);
        var warnings = new List<string>();
        int collections = 0, unchanged = 0, repeats = 0, failures = 0;
        var complete = true;
        queue.Enqueue(new Pending(rootCollection, 0, null, null));

        while (queue.TryDequeue(out var pending))
        {
            if (collections >= request.MaxCollections)
            {
                Warn(warnings, $"stopped after {collections} collection documents (MaxCollections); {queue.Count + 1} not walked");
                complete = false;
                break;
            }

            var loaded = await DocumentLoader.LoadAsync(_fetcher, pending.Uri, policy, request.GetCached, cancellationToken).ConfigureAwait(false);
            if (loaded.Document is not PresentationResource { Kind: PresentationKind.Collection } collection)
            {
                failures++;
                complete = false;
                var error = loaded.Error ?? $"{pending.Uri}: a {loaded.Document?.GetType().Name ?? "document"} that is not a collection";
                Log.CollectionFailed(_logger, pending.Uri, policy.SourceKey, error);
                yield return new CollectionFailure(pending.Uri, loaded.Fetch, error, pending.ParentId);
                continue;
            }

            collections++;
            unchanged += loaded.Fetch.Status == FetchStatus.NotModified ? 1 : 0;
            seenCollections.Add(Key(collection.Id));
            yield return new CollectionDocument(pending.Uri, loaded.Fetch, collection, loaded.Body, pending.Depth, pending.ParentId) { PageOf = pending.PageOf };

            foreach (var member in collection.Members)
            {
                if (member.Kind == PresentationKind.Manifest)
                {
                    if (!seenManifests.Add(Key(member.Id)))
                    {
                        repeats++;
                        continue;
                    }

                    if (seenManifests.Count > request.MaxManifests)
                    {
                        Warn(warnings, $"stopped yielding manifests at {request.MaxManifests} (MaxManifests)");
                        complete = false;
                        queue.Clear();
                        break;
                    }

                    yield return new ManifestReference(member.Id, pending.PageOf ?? collection.Id, member.Label, pending.Depth);
                }
                else if (Enqueue(queue, seenCollections, member.Id, pending.Depth + 1, collection.Id, pageOf: null, request, warnings, ref complete) is false)
                {
                    repeats++;
                }
            }

            // Paged v2 collections (Presentation 2.1 §5.3): the collection points at its first page, each page at the next.
            // Pages are part of the same collection, so they keep its depth, and their members are its members.
            var pageOf = pending.PageOf ?? pending.Uri.AbsoluteUri;
            foreach (var page in new[] { collection.First, collection.Next })
            {
                if (page is not null && Enqueue(queue, seenCollections, page, pending.Depth, collection.Id, pageOf, request, warnings, ref complete) is false)
                {
                    repeats++;
                }
            }
        }

        Log.WalkFinished(_logger, rootCollection, policy.SourceKey, collections, seenManifests.Count, unchanged, failures, complete);
        yield return new CollectionWalkSummary
        {
            Complete = complete,
            Collections = collections,
            Unchanged = unchanged,
            Manifests = Math.Min(seenManifests.Count, request.MaxManifests),
            Repeats = repeats,
            Failures = failures,
            Warnings = warnings,
        };
    }

    /// <summary>The identity of a URI for repeat detection: without fragment or trailing slash.</summary>
    private static string Key(string uri)
    {
        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? uri[..hash] : uri).TrimEnd('/');
    }

    /// <summary>Queues a collection; false when it was seen before (a cycle or a repeat), null when skipped for a bound or a bad URI.</summary>
    private static bool? Enqueue(
        Queue<Pending> queue, HashSet<string> seen, string id, int depth, string parentId, string? pageOf, CollectionWalkRequest request, List<string> warnings, ref bool complete)
    {
        if (!Uri.TryCreate(id, UriKind.Absolute, out var uri))
        {
            Warn(warnings, $"{parentId}: member '{id}' is not an absolute URI; skipped");
            return null;
        }

        if (!seen.Add(Key(uri.AbsoluteUri)))
        {
            return false;
        }

        if (depth > request.MaxDepth)
        {
            Warn(warnings, $"{uri}: deeper than {request.MaxDepth} (MaxDepth); not walked");
            complete = false;
            return null;
        }

        queue.Enqueue(new Pending(uri, depth, parentId, pageOf));
        return true;
    }

    private static void Warn(List<string> warnings, string warning)
    {
        if (warnings.Count < MaxWarnings)
        {
            warnings.Add(warning);
        }
    }

    /// <summary>A collection document to fetch; <paramref name="PageOf"/> is the paged collection (as fetched) a page belongs to.</summary>
    private sealed record Pending(Uri Uri, int Depth, string? ParentId, string? PageOf);
}
