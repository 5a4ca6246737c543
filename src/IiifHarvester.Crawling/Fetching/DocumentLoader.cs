using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>Fetches and parses a IIIF document, reusing the stored copy on a 304.</summary>
internal static class DocumentLoader
{
    public static async Task<LoadedDocument> LoadAsync(
        IIiifFetcher fetcher, Uri uri, FetchPolicy policy, Func<Uri, CancellationToken, ValueTask<CachedDocument?>>? getCached, CancellationToken cancellationToken)
    {
        var cached = getCached is null ? null : await getCached(uri, cancellationToken).ConfigureAwait(false);
        var fetch = await fetcher.FetchAsync(
            new FetchRequest(uri, policy) { ETag = cached?.ETag, LastModified = cached?.LastModified },
            cancellationToken).ConfigureAwait(false);
        return Read(uri, fetch, cached);
    }

    /// <summary>Parses what a fetch of <paramref name="uri"/> brought (the stored copy's bytes on a 304).</summary>
    public static LoadedDocument Read(Uri uri, FetchResult fetch, CachedDocument? cached)
    {
        ReadOnlyMemory<byte> body;
        switch (fetch.Status)
        {
            case FetchStatus.Ok:
                body = fetch.Body;
                break;
            case FetchStatus.NotModified when cached is not null:
                body = cached.Body;
                break;
            default:
                return new LoadedDocument(fetch, null, default, $"{uri}: {fetch.Status} {fetch.Error}".TrimEnd(), []);
        }

        var outcome = IiifParser.Parse(body.Span, new IiifParserOptions { DocumentUri = fetch.FinalUri.AbsoluteUri });
        return outcome.Document is { } document
            ? new LoadedDocument(fetch, document, body, null, outcome.Warnings)
            : new LoadedDocument(fetch, null, body, $"{uri}: not parsed: {outcome.Error}", outcome.Warnings);
    }
}
