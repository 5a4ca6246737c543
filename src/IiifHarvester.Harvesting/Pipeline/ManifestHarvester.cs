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

    /// <summary>Harvests <paramref name="uri"/>; false when it failed (the run goes on).</summary>
    public async Task<bool> HarvestAsync(HarvestRun run, string uri, HarvestReason reason, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var target))
        {
            Fail(run, uri, "not an absolute URI");
            return false;
        }

        using var activity = HarvestTelemetry.Source.StartActivity("harvest document");
        activity?.SetTag("iiif.uri", uri);
        var known = await _store.GetInfoAsync(uri, cancellationToken);
        var fetch = await _fetcher.FetchAsync(
            new FetchRequest(target, run.Policy)
            {
                ETag = known is { IsDeleted: false } ? known.ETag : null,
                LastModified = known is { IsDeleted: false } ? known.LastModified : null,
            },
            cancellationToken);
        run.Counters.DocumentFetched();

        switch (fetch.Status)
        {
            case FetchStatus.NotModified:
                await _store.MarkRevalidatedAsync(uri, _time.GetUtcNow(), cancellationToken);
                run.Counters.DocumentUnchanged();
                if (reason == HarvestReason.StreamChange && known is not null)
                {
                    // The activity says something changed; it may be the annotations rather than the manifest.
                    var stored = await _store.GetAsync(uri, cancellationToken);
                    if (stored is not null && Parse(stored.Body.Span, uri).Document is PresentationResource { Kind: PresentationKind.Manifest } m)
                    {
                        return await HarvestDependentsAsync(run, uri, m, cancellationToken);
                    }
                }

                return true;

            case FetchStatus.NotFound or FetchStatus.Gone:
                if (await _store.DeleteAsync(uri, _time.GetUtcNow(), cancellationToken) is not null)
                {
                    run.Counters.DocumentDeleted();
                }

                return true;

            case FetchStatus.Ok:
                break;

            default:
                Fail(run, uri, $"{fetch.Status}{(fetch.HttpStatus is { } s ? $" (HTTP {s})" : string.Empty)}: {fetch.Error}");
                return false;
        }

        var outcome = Parse(fetch.Body.Span, uri);
        if (outcome.Document is not PresentationResource resource)
        {
            // Broken bytes never replace what we hold; the old version stays searchable.
            Fail(run, uri, outcome.Error ?? $"not a manifest or collection but {outcome.Document?.GetType().Name}");
            return false;
        }

        var write = await _store.PutAsync(
            new DocumentWrite
            {
                Uri = uri,
                SourceKey = run.Source.Key,
                Kind = resource.Kind == PresentationKind.Manifest ? DocumentKind.Manifest : DocumentKind.Collection,
                Body = fetch.Body,
                ContentType = fetch.ContentType,
                ETag = fetch.ETag,
                LastModified = fetch.LastModified,
                FetchedAt = _time.GetUtcNow(),
            },
            cancellationToken);
        Count(run, write.Outcome);

        if (resource.Kind != PresentationKind.Manifest || (write.Outcome == WriteOutcome.Unchanged && reason is not HarvestReason.StreamChange))
        {
            return true;
        }

        return await HarvestDependentsAsync(run, uri, resource, cancellationToken);
    }

    /// <summary>Checks every live manifest the source holds, deleting the ones that are gone (404/410).</summary>
    public async Task ReconcileAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        var uris = new List<string>();
        await foreach (var info in _store.ListAsync(run.Source.Key, DocumentKind.Manifest, includeDeleted: false, cancellationToken))
        {
            uris.Add(info.Uri);
        }

        LogReconciling(run.Source.Key, uris.Count);
        await Parallel.ForEachAsync(
            uris,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Math.Max(1, run.Source.MaxConcurrency * 2) },
            async (uri, ct) => await HarvestAsync(run, uri, HarvestReason.Reconcile, ct));
    }

    private async Task<bool> HarvestDependentsAsync(HarvestRun run, string manifestUri, PresentationResource manifest, CancellationToken cancellationToken)
    {
        var dependents = new List<(string Uri, DocumentKind Kind)>();
        foreach (var reference in manifest.AnnotationReferences.Concat(manifest.Canvases.SelectMany(c => c.AnnotationReferences)))
        {
            dependents.Add((reference.Id, DocumentKind.Annotations));
        }

        if (run.Source.FetchOcr)
        {
            foreach (var ocr in manifest.Canvases.SelectMany(c => c.OcrReferences))
            {
                dependents.Add((ocr.Uri, DocumentKind.Ocr));
            }
        }

        var keep = new HashSet<string>(StringComparer.Ordinal);
        var allOk = true;
        foreach (var (uri, kind) in dependents.DistinctBy(d => d.Uri))
        {
            keep.Add(uri);
            if (!await HarvestDependentAsync(run, manifestUri, uri, kind, cancellationToken))
            {
                allOk = false;
            }
        }

        if (allOk)
        {
            // Lists the manifest no longer references stop counting; a failed fetch keeps the old ones searchable.
            await _store.ReleaseOwnedAsync(manifestUri, keep, cancellationToken);
        }

        return allOk;
    }

    private async Task<bool> HarvestDependentAsync(HarvestRun run, string manifestUri, string uri, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var target))
        {
            Fail(run, uri, "not an absolute URI");
            return false;
        }

        var known = await _store.GetInfoAsync(uri, cancellationToken);
        var live = known is { IsDeleted: false } && known.OwnerUri == manifestUri;
        var fetch = await _fetcher.FetchAsync(
            new FetchRequest(target, run.Policy)
            {
                ETag = live ? known!.ETag : null,
                LastModified = live ? known!.LastModified : null,
                ExpectJson = kind != DocumentKind.Ocr,
            },
            cancellationToken);
        run.Counters.DocumentFetched();
        switch (fetch.Status)
        {
            case FetchStatus.NotModified:
                await _store.MarkRevalidatedAsync(uri, _time.GetUtcNow(), cancellationToken);
                run.Counters.DocumentUnchanged();
                return true;
            case FetchStatus.NotFound or FetchStatus.Gone:
                // A list that is gone simply stops contributing; the manifest stays.
                return true;
            case FetchStatus.Ok:
                break;
            default:
                Fail(run, uri, $"{fetch.Status}{(fetch.HttpStatus is { } s ? $" (HTTP {s})" : string.Empty)}: {fetch.Error}");
                return false;
        }

        if (kind == DocumentKind.Annotations && Parse(fetch.Body.Span, uri) is { Document: null } bad)
        {
            Fail(run, uri, bad.Error ?? "unreadable annotation list");
            return false;
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
        return true;
    }

    private static ParseOutcome Parse(ReadOnlySpan<byte> body, string uri) =>
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

    private void Fail(HarvestRun run, string uri, string reason)
    {
        run.Counters.DocumentFailed();
        run.Error($"{uri}: {reason}");
        LogFailed(run.Source.Key, uri, reason);
    }

    [LoggerMessage(EventId = 2200, Level = LogLevel.Warning, Message = "[{Source}] {Uri} skipped: {Reason}")]
    private partial void LogFailed(string source, string uri, string reason);

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "[{Source}] reconciling {Count} manifests against the institution")]
    private partial void LogReconciling(string source, int count);
}
