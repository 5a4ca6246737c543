using System.Collections.Concurrent;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Crawling.Dependents;

/// <summary>
/// Fetches a manifest's referenced annotation documents and OCR files, a few at once. Each reference starts a chain:
/// a layer or annotation collection leads to its <c>first</c> page, a page to its <c>next</c>, a layer to the lists it
/// references; chains are bounded and every URI is fetched once per manifest.
/// </summary>
internal sealed class DependentsFetcher : IDependentsFetcher
{
    private readonly IIiifFetcher _fetcher;

    public DependentsFetcher(IIiifFetcher fetcher) => _fetcher = fetcher;

    public async Task<DependentsResult> FetchAsync(PresentationResource manifest, DependentsRequest request, FetchPolicy policy, CancellationToken cancellationToken)
    {
        var warnings = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var roots = new List<Root>();
        void AddRoot(string id, DependentKind kind, string? canvasId, OcrFormat? format)
        {
            if (Usable(id, warnings) is { } uri && seen.TryAdd(Key(uri), 0))
            {
                roots.Add(new Root(roots.Count, uri, kind, canvasId, format));
            }
        }

        foreach (var reference in manifest.AnnotationReferences)
        {
            AddRoot(reference.Id, DependentKind.Annotations, null, null);
        }

        foreach (var canvas in manifest.Canvases)
        {
            foreach (var reference in canvas.AnnotationReferences)
            {
                AddRoot(reference.Id, DependentKind.Annotations, canvas.Id, null);
            }

            if (request.IncludeOcr)
            {
                foreach (var ocr in canvas.OcrReferences)
                {
                    AddRoot(ocr.Uri, DependentKind.Ocr, ocr.CanvasId, ocr.Format);
                }
            }
        }

        var results = new ConcurrentBag<(int Root, int Step, FetchedDependent Item)>();
        var used = 0;
        var complete = 1;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, request.MaxParallel), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(roots, options, async (root, token) =>
        {
            var chain = new Queue<(Uri Uri, string? From)>();
            chain.Enqueue((root.Uri, null));
            var step = 0;
            while (chain.TryDequeue(out var next))
            {
                if (Interlocked.Increment(ref used) > request.MaxDocuments)
                {
                    Interlocked.Exchange(ref complete, 0);
                    warnings.Enqueue($"stopped at {request.MaxDocuments} dependent documents (MaxDocuments)");
                    return;
                }

                var item = root.Kind == DependentKind.Ocr
                    ? await FetchOcrAsync(next.Uri, root, request, policy, token).ConfigureAwait(false)
                    : await FetchAnnotationsAsync(next.Uri, root, request, policy, token).ConfigureAwait(false);
                results.Add((root.Index, step, item with { ReferencedFrom = next.From }));

                if (item.Container is { } container)
                {
                    foreach (var id in FollowOn(container))
                    {
                        if (step + chain.Count + 1 >= request.MaxPagesPerChain)
                        {
                            Interlocked.Exchange(ref complete, 0);
                            warnings.Enqueue($"{root.Uri}: stopped following pages at {request.MaxPagesPerChain} (MaxPagesPerChain)");
                            break;
                        }

                        if (Usable(id, warnings) is { } uri && seen.TryAdd(Key(uri), 0))
                        {
                            chain.Enqueue((uri, container.Id));
                        }
                    }
                }

                step++;
            }
        }).ConfigureAwait(false);

        return new DependentsResult
        {
            Items = [.. results.OrderBy(r => r.Root).ThenBy(r => r.Step).Select(r => r.Item)],
            Complete = complete == 1,
            Warnings = [.. warnings.Distinct()],
        };
    }

    private static IEnumerable<string> FollowOn(AnnotationContainer container)
    {
        if (container.First is { } first)
        {
            yield return first;
        }

        if (container.Next is { } next)
        {
            yield return next;
        }

        foreach (var reference in container.References)
        {
            yield return reference.Id;
        }
    }

    private static Uri? Usable(string id, ConcurrentQueue<string> warnings)
    {
        if (Uri.TryCreate(id, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        warnings.Enqueue($"'{id}' is not an absolute http(s) URI; not fetched");
        return null;
    }

    private static string Key(Uri uri) => uri.GetLeftPart(UriPartial.Query);

    private async Task<FetchedDependent> FetchAnnotationsAsync(Uri uri, Root root, DependentsRequest request, FetchPolicy policy, CancellationToken cancellationToken)
    {
        var loaded = await DocumentLoader.LoadAsync(_fetcher, uri, policy, request.GetCached, cancellationToken).ConfigureAwait(false);
        var container = loaded.Document as AnnotationContainer;
        var error = loaded.Error ?? (container is null ? $"{uri}: a {loaded.Document?.GetType().Name} where annotations were expected" : null);
        return new FetchedDependent(uri, DependentKind.Annotations, loaded.Fetch)
        {
            CanvasId = root.CanvasId,
            Container = container,
            Body = loaded.Body,
            Error = error,
        };
    }

    private async Task<FetchedDependent> FetchOcrAsync(Uri uri, Root root, DependentsRequest request, FetchPolicy policy, CancellationToken cancellationToken)
    {
        var cached = request.GetCached is null ? null : await request.GetCached(uri, cancellationToken).ConfigureAwait(false);
        var accept = root.OcrFormat == OcrFormat.Hocr ? "text/html, application/xhtml+xml, */*;q=0.5" : "application/xml, text/xml, */*;q=0.5";
        var fetch = await _fetcher.FetchAsync(
            new FetchRequest(uri, policy) { ETag = cached?.ETag, LastModified = cached?.LastModified, ExpectJson = false, Accept = accept },
            cancellationToken).ConfigureAwait(false);
        var body = fetch.Status switch
        {
            FetchStatus.Ok => fetch.Body,
            FetchStatus.NotModified when cached is not null => cached.Body,
            _ => ReadOnlyMemory<byte>.Empty,
        };
        return new FetchedDependent(uri, DependentKind.Ocr, fetch)
        {
            CanvasId = root.CanvasId,
            OcrFormat = root.OcrFormat,
            Body = body,
            Error = fetch.Status is FetchStatus.Ok || (fetch.Status is FetchStatus.NotModified && cached is not null) ? null : $"{uri}: {fetch.Status} {fetch.Error}".TrimEnd(),
        };
    }

    private sealed record Root(int Index, Uri Uri, DependentKind Kind, string? CanvasId, OcrFormat? OcrFormat);
}
