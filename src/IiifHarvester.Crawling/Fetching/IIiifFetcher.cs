namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// Fetches IIIF documents politely and safely: per-host rate and concurrency limits and circuit breaker, retries with
/// jittered backoff honouring Retry-After, per-attempt timeouts, size caps on the wire and after decompression,
/// redirects checked hop by hop, robots.txt, and no requests to private addresses unless the policy allows it.
/// </summary>
public interface IIiifFetcher
{
    /// <summary>
    /// Fetches <paramref name="request"/>. Never throws for network or HTTP problems: they come back as a
    /// <see cref="FetchResult"/>. Throws <see cref="OperationCanceledException"/> only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken);
}
