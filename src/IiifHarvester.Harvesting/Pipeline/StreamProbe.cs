using System.Security.Cryptography;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Parsing;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// Tells whether a Discovery stream has anything new since the last completed walk, in one request for the
/// OrderedCollection and a conditional one for its last page: when both are as they were, nothing was added
/// (activities are appended to the newest page, §2.2), and the walk — with its overlap window — is skipped. What it
/// fetched is handed to the walk, so neither document is requested twice in one run.
/// </summary>
internal sealed class StreamProbe
{
    private readonly IIiifFetcher _fetcher;

    public StreamProbe(IIiifFetcher fetcher) => _fetcher = fetcher;

    /// <summary>The stream's current last page state, whether it is unchanged from <paramref name="previous"/>, and the documents fetched.</summary>
    public async Task<StreamProbeResult> ProbeAsync(Uri stream, StreamPageState? previous, FetchPolicy policy, CancellationToken cancellationToken)
    {
        var fetched = new Dictionary<string, FetchResult>(StringComparer.Ordinal);
        var collectionFetch = await _fetcher.FetchAsync(new FetchRequest(stream, policy), cancellationToken);
        fetched[stream.AbsoluteUri] = collectionFetch;
        if (collectionFetch.Status != FetchStatus.Ok
            || IiifParser.Parse(collectionFetch.Body, new IiifParserOptions { DocumentUri = stream.AbsoluteUri }).Document is not ActivityStreamCollection collection
            || collection.Last is null
            || !Uri.TryCreate(collection.Last, UriKind.Absolute, out var last))
        {
            return new StreamProbeResult(false, null, 1, fetched);
        }

        var sameEntry = previous is not null && previous.Uri == collection.Last && previous.TotalItems == collection.TotalItems;
        var pageFetch = await _fetcher.FetchAsync(
            new FetchRequest(last, policy)
            {
                ETag = sameEntry ? previous!.ETag : null,
                LastModified = sameEntry ? previous!.LastModified : null,
            },
            cancellationToken);
        fetched[last.AbsoluteUri] = pageFetch;
        if (pageFetch.Status == FetchStatus.NotModified && sameEntry)
        {
            return new StreamProbeResult(true, previous, 2, fetched);
        }

        if (pageFetch.Status != FetchStatus.Ok)
        {
            return new StreamProbeResult(false, null, 2, fetched);
        }

        var current = new StreamPageState
        {
            Uri = collection.Last,
            TotalItems = collection.TotalItems,
            ETag = pageFetch.ETag,
            LastModified = pageFetch.LastModified,
            Hash = Convert.ToHexStringLower(SHA256.HashData(pageFetch.Body.Span)),
        };
        return new StreamProbeResult(sameEntry && previous!.Hash == current.Hash, current, 2, fetched);
    }
}
