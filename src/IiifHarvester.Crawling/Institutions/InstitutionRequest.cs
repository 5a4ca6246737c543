namespace IiifHarvester.Crawling.Institutions;

/// <summary>One GET to an institution.</summary>
/// <param name="Uri">The absolute http(s) URL.</param>
/// <param name="AllowPrivateNetworks">Whether the source that named the URL may reach loopback, private and link-local addresses.</param>
public sealed record InstitutionRequest(Uri Uri, bool AllowPrivateNetworks)
{
    /// <summary>The Accept header.</summary>
    public string Accept { get; init; } = "*/*";

    /// <summary>Further headers (credentials passed through, for example); hop-by-hop and conditional ones are ignored.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A cached copy's ETag, sent as <c>If-None-Match</c>.</summary>
    public string? ETag { get; init; }

    /// <summary>A cached copy's Last-Modified, sent as <c>If-Modified-Since</c> when there is no ETag.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The largest body, on the wire and expanded; null uses <c>Crawling:MaxBytes</c> (and <c>MaxDecompressedBytes</c>).</summary>
    public long? MaxBytes { get; init; }

    /// <summary>Requests in flight to one host from this kind of caller at once.</summary>
    /// <value>Defaults to 64.</value>
    public int MaxConcurrencyPerHost { get; init; } = 64;

    /// <summary>
    /// The gate family the request queues in: callers of different kinds (the crawler's politeness, the image proxy's
    /// live traffic) are limited per host separately, so a harvest's Crawl-delay never stalls a viewer's tiles.
    /// </summary>
    /// <value>Defaults to <c>images</c>.</value>
    public string Lane { get; init; } = "images";

    /// <summary>The most redirects followed.</summary>
    /// <value>Defaults to 3.</value>
    public int MaxRedirects { get; init; } = 3;

    /// <summary>Whether a URL (the first and every redirect target) may be asked at all; null allows any host.</summary>
    public Func<Uri, bool>? IsAllowed { get; init; }
}
