using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Storage.Documents;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// Fetches one manifest (or collection document) into the store, conditionally, with the annotation lists and OCR
/// files it references. Only a 404 or 410 is ever read as a deletion: a 401, 403, timeout or network error leaves
/// what we hold as it is and counts a failure to retry next run.
/// </summary>
internal sealed partial class ManifestHarvester
{
    private readonly IIiifFetcher _fetcher;
    private readonly IDocumentStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ManifestHarvester> _logger;

    public ManifestHarvester(IIiifFetcher fetcher, IDocumentStore store, TimeProvider time, ILogger<ManifestHarvester> logger)
    {
        _fetcher = fetcher;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>Harvests <paramref name="uri"/>; null when it went well, else why it failed (the run goes on).</summary>
    public async Task<string?> HarvestAsync(HarvestRun run, string uri, HarvestReason reason, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var target))
        {
            return Fail(run, uri, "not an absolute URI");
        }

        using var activity = HarvestTelemetry.Source.StartActivity("iiifharvester.harvest.document");
        activity?.SetTag("url.full", uri);
        var known = await _store.GetInfoAsync(uri, cancellationToken);
        var fetch = await _fetcher.FetchAsync(
            new FetchRequest(target, run.Policy)
            {
                ETag = known is { IsDeleted: false } ? known.ETag : null,
                LastModified = known is { IsDeleted: false } ? known.LastModified : null,
            },
            cancellationToken);
        if (fetch.Status == FetchStatus.Blocked)
        {
            return Skip(run, uri, fetch.Error ?? "blocked");
        }

        run.Counters.DocumentFetched();
        switch (fetch.Status)
        {
            case FetchStatus.NotModified:
                await _store.MarkRevalidatedAsync(uri, _time.GetUtcNow(), cancellationToken);
                run.Counters.DocumentUnchanged();
                if (reason == HarvestReason.StreamChange && known is not null)
                {
                    // The activity says something changed; it may be the annotations rather than the manifest. The
                    // change is logged after them either way, so a crash before it replays the activity next run.
                    var stored = await _store.GetAsync(uri, cancellationToken);
                    if (stored is not null && Parse(stored.Body, uri).Document is PresentationResource { Kind: PresentationKind.Manifest } m)
                    {
                        var visited = await HarvestDependentsAsync(run, uri, m, cancellationToken);
                        if (visited.Changed || !LoggedByThisWalk(run, known))
                        {
                            await _store.RecordChangeAsync(uri, cancellationToken);
                        }

                        await ReleaseStaleAsync(uri, visited, cancellationToken);
                        return visited.Failure;
                    }
                }

                return null;

            case FetchStatus.NotFound or FetchStatus.Gone:
                if (await _store.DeleteAsync(uri, _time.GetUtcNow(), cancellationToken) is not null)
                {
                    run.Counters.DocumentDeleted();
                }

                return null;

            case FetchStatus.Ok:
                break;

            default:
                return Fail(run, uri, Describe(fetch));
        }

        var outcome = Parse(fetch.Body, uri);
        if (outcome.Document is not PresentationResource resource)
        {
            // Broken bytes never replace what we hold; the old version stays searchable.
            return Fail(run, uri, outcome.Error ?? $"not a manifest or collection but {outcome.Document?.GetType().Name}");
        }

        // A manifest's annotation lists and OCR go into the store before the manifest, whose one change then covers
        // them all: the index never sees a manifest without the full text it had when fetched, and a crash in
        // between leaves the old manifest (or none), so the next run fetches it again in full.
        var isManifest = resource.Kind == PresentationKind.Manifest;
        var mustVisitDependents = isManifest && (reason == HarvestReason.StreamChange || known is null || known.IsDeleted
            || known.ContentHash != ContentHash.Of(fetch.Body.Span) || !HasValidators(known));
        var dependents = mustVisitDependents ? await HarvestDependentsAsync(run, uri, resource, cancellationToken, ownerKnown: known is { IsDeleted: false }) : DependentsOutcome.None;
        var write = await _store.PutAsync(
            new DocumentWrite
            {
                Uri = uri,
                SourceKey = run.Source.Key,
                Kind = isManifest ? DocumentKind.Manifest : DocumentKind.Collection,
                Body = fetch.Body,
                ContentType = fetch.ContentType,

                // Validators are kept only once the full text is in: a manifest whose lists failed is fetched in full
                // again next run (not answered by a 304), and its lists retried.
                ETag = dependents.AllOk ? fetch.ETag : null,
                LastModified = dependents.AllOk ? fetch.LastModified : null,
                FetchedAt = _time.GetUtcNow(),
                ForceChange = dependents.Changed || (reason == HarvestReason.StreamChange && !LoggedByThisWalk(run, known)),
            },
            cancellationToken);
        Count(run, write.Outcome);
        if (isManifest)
        {
            await ReleaseStaleAsync(uri, dependents, cancellationToken);
        }
        else
        {
            // A collection announced by a Discovery stream: what it lists are its members, as in a walk.
            await _store.SetMembersAsync(CollectionListings.Of(uri, uri, run.Source.Key, resource), cancellationToken);
        }

        return dependents.Failure;
    }

    /// <summary>Checks every live manifest the source holds, deleting the ones that are gone (404/410).</summary>
    public async Task ReconcileAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        var uris = await LiveManifestsAsync(run, cancellationToken);
        LogReconciling(run.Source.Key, uris.Count);
        await Parallel.ForEachAsync(
            uris,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, run.Source.MaxConcurrency * 2), TaskScheduler = TaskScheduler.Current },
            async (uri, ct) => await HarvestAsync(run, uri, HarvestReason.Reconcile, ct));
    }

    /// <summary>
    /// Fetches what the source's live manifests link that the store does not hold as theirs: once after an upgrade
    /// whose parser finds links the old one did not, or after <c>FetchOcr</c> was turned on. Manifests unchanged at
    /// the institution are answered with a 304 and their dependents never visited again, so without this pass their
    /// captions or PAGE XML would wait for the institution to change them. Each manifest is read from the store and
    /// parsed; only one with a dependent it does not own costs requests, and a change is logged for it when one
    /// arrived, so the index reads its new text. Returns the manifests whose new dependents could not all be fetched,
    /// with why, to be retried as failures.
    /// </summary>
    public async Task<IReadOnlyList<(string Uri, string Failure)>> RevisitDependentsAsync(HarvestRun run, int parallelism, CancellationToken cancellationToken)
    {
        var uris = await LiveManifestsAsync(run, cancellationToken);
        var failed = new System.Collections.Concurrent.ConcurrentQueue<(string Uri, string Failure)>();
        if (uris.Count == 0)
        {
            return [];
        }

        LogRevisiting(run.Source.Key, uris.Count);
        var revisited = 0;
        await Parallel.ForEachAsync(
            uris,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, parallelism), TaskScheduler = TaskScheduler.Current },
            async (uri, ct) =>
            {
                var stored = await _store.GetAsync(uri, ct);
                if (stored is null || stored.Info.IsDeleted || Parse(stored.Body, uri).Document is not PresentationResource { Kind: PresentationKind.Manifest } manifest)
                {
                    return;
                }

                var owned = (await _store.GetOwnedAsync(uri, ct)).Select(o => o.Uri).ToHashSet(StringComparer.Ordinal);
                if (ManifestDependents.InOrder(manifest, run.Source.FetchOcr).All(d => owned.Contains(d.Uri)))
                {
                    return;
                }

                Interlocked.Increment(ref revisited);
                var visited = await HarvestDependentsAsync(run, uri, manifest, ct);
                if (visited.Changed)
                {
                    await _store.RecordChangeAsync(uri, ct);
                }

                if (visited.Failure is { } failure)
                {
                    failed.Enqueue((uri, failure));
                }
            });
        LogRevisited(run.Source.Key, revisited);
        return [.. failed];
    }

    /// <summary>The URIs of the source's live manifests in the store.</summary>
    private async Task<List<string>> LiveManifestsAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        var uris = new List<string>();
        await foreach (var info in _store.ListAsync(run.Source.Key, DocumentKind.Manifest, includeDeleted: false, cancellationToken))
        {
            uris.Add(info.Uri);
        }

        return uris;
    }

    private async Task<DependentsOutcome> HarvestDependentsAsync(HarvestRun run, string manifestUri, PresentationResource manifest, CancellationToken cancellationToken, bool ownerKnown = true)
    {
        // Fetched side by side: the host's politeness limits (rate, concurrency, Crawl-delay) still pace them.
        var distinct = ManifestDependents.InOrder(manifest, run.Source.FetchOcr).DistinctBy(d => d.Uri).ToList();
        var outcomes = await Task.WhenAll(distinct.Select(d => HarvestDependentAsync(run, manifestUri, d.Uri, d.Kind, ownerKnown, cancellationToken)));
        var keep = new HashSet<string>(StringComparer.Ordinal);
        string? failure = null;
        var changed = false;
        for (var i = 0; i < distinct.Count; i++)
        {
            var outcome = outcomes[i];
            if (outcome == DependentOutcome.Failed)
            {
                failure ??= $"{distinct[i].Uri} (which it references) could not be harvested";
            }

            changed |= outcome is DependentOutcome.Changed or DependentOutcome.Gone;
            if (outcome != DependentOutcome.Gone)
            {
                keep.Add(distinct[i].Uri);
            }
        }

        return new DependentsOutcome(failure, changed, keep);
    }

    private async Task ReleaseStaleAsync(string manifestUri, DependentsOutcome dependents, CancellationToken cancellationToken)
    {
        // Lists the manifest no longer references (or that are gone) stop counting; after a failed fetch the old
        // ones stay searchable. The read first: almost always nothing is stale, and a read costs no write.
        if (!dependents.AllOk || dependents.Keep is null)
        {
            return;
        }

        var owned = await _store.GetOwnedAsync(manifestUri, cancellationToken);
        if (owned.Any(o => !dependents.Keep.Contains(o.Uri)))
        {
            await _store.ReleaseOwnedAsync(manifestUri, dependents.Keep, cancellationToken);
        }
    }

    private async Task<DependentOutcome> HarvestDependentAsync(HarvestRun run, string manifestUri, string uri, DocumentKind kind, bool ownerKnown, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var target))
        {
            Fail(run, uri, "not an absolute URI");
            return DependentOutcome.Failed;
        }

        // A manifest we never held owns nothing yet (its validators would not be ours to send): no lookup needed.
        var known = ownerKnown ? await _store.GetInfoAsync(uri, cancellationToken) : null;
        var live = known is { IsDeleted: false } && known.OwnerUri == manifestUri;
        var fetch = await _fetcher.FetchAsync(
            new FetchRequest(target, run.Policy)
            {
                ETag = live ? known!.ETag : null,
                LastModified = live ? known!.LastModified : null,
                ExpectJson = kind != DocumentKind.Ocr,
            },
            cancellationToken);
        if (fetch.Status == FetchStatus.Blocked)
        {
            Skip(run, uri, fetch.Error ?? "blocked");
            return DependentOutcome.Failed;
        }

        run.Counters.DocumentFetched();
        switch (fetch.Status)
        {
            case FetchStatus.NotModified:
                await _store.MarkRevalidatedAsync(uri, _time.GetUtcNow(), cancellationToken);
                run.Counters.DocumentUnchanged();
                return DependentOutcome.Unchanged;
            case FetchStatus.NotFound or FetchStatus.Gone:
                // A list that is gone simply stops contributing; the manifest stays.
                return live ? DependentOutcome.Gone : DependentOutcome.Unchanged;
            case FetchStatus.Ok:
                break;
            default:
                Fail(run, uri, Describe(fetch));
                return DependentOutcome.Failed;
        }

        if (kind == DocumentKind.Annotations && JsonCheck.WhyNotAnObject(fetch.Body.Span) is { } bad)
        {
            Fail(run, uri, bad);
            return DependentOutcome.Failed;
        }

        var write = await _store.PutAsync(
            new DocumentWrite
            {
                Uri = uri,
                SourceKey = run.Source.Key,
                Kind = kind,
                Body = fetch.Body,
                ContentType = fetch.ContentType,
                ETag = fetch.ETag,
                LastModified = fetch.LastModified,
                FetchedAt = _time.GetUtcNow(),
                OwnerUri = manifestUri,
            },
            cancellationToken);
        Count(run, write.Outcome);
        return write.Outcome == WriteOutcome.Unchanged ? DependentOutcome.Unchanged : DependentOutcome.Changed;
    }

    private static bool HasValidators(StoredDocumentInfo info) => info.ETag is not null || info.LastModified is not null;

    private static ParseOutcome Parse(ReadOnlyMemory<byte> body, string uri) =>
        IiifParser.Parse(body, new IiifParserOptions { DocumentUri = uri });

    private static void Count(HarvestRun run, WriteOutcome outcome)
    {
        switch (outcome)
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

    private static string Describe(FetchResult fetch) =>
        $"{fetch.Status}{(fetch.HttpStatus is { } s ? $" (HTTP {s})" : string.Empty)}: {fetch.Error}";

    private string Fail(HarvestRun run, string uri, string reason)
    {
        run.Counters.DocumentFailed();
        run.Error($"{uri}: {reason}");
        LogFailed(run.Source.Key, uri, reason);
        return reason;
    }

    private string Skip(HarvestRun run, string uri, string reason)
    {
        // Nothing was requested (robots.txt, a refused address): a skip with its reason, never a fetch.
        run.Counters.DocumentSkipped();
        run.Error($"{uri}: skipped: {reason}");
        LogSkipped(run.Source.Key, uri, reason);
        return "skipped: " + reason;
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "[{Source}] {Uri} skipped: {Reason}")]
    private partial void LogFailed(string source, string uri, string reason);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "[{Source}] {Uri} skipped, not requested: {Reason}")]
    private partial void LogSkipped(string source, string uri, string reason);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "[{Source}] reconciling {Count} manifests against the institution")]
    private partial void LogReconciling(string source, int count);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "[{Source}] looking through {Count} harvested manifests for links this version reads (OCR, captions) that were never fetched")]
    private partial void LogRevisiting(string source, int count);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information, Message = "[{Source}] {Count} harvested manifests had links never fetched; fetched them")]
    private partial void LogRevisited(string source, int count);

    /// <summary>
    /// Whether the manifest's change was logged by the stream walk under way, or by the interrupted walk it redoes
    /// (see <see cref="HarvestRun.WalkFrom"/>): a replayed activity then logs it again only if something changed.
    /// A manifest whose full text was stored by an interrupted walk that died before logging the manifest was last
    /// logged before that walk began, so its change is still logged.
    /// </summary>
    private static bool LoggedByThisWalk(HarvestRun run, StoredDocumentInfo? known) =>
        known is { IsDeleted: false } && run.WalkFrom is { } from && known.Sequence > from;
}
