namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// How politely and how safely to fetch for one source. Immutable; the harvest pipeline builds one per source from its
/// configuration and passes it with every request. Per-host limits are shared by every source that hits the same host.
/// </summary>
public sealed record FetchPolicy
{
    /// <summary>The policy used when a source says nothing: polite, robots.txt respected, public addresses only.</summary>
    public static FetchPolicy Default { get; } = new();

    /// <summary>The source this policy belongs to (tags logs, spans and metrics).</summary>
    /// <value>Defaults to <c>default</c>.</value>
    public string SourceKey { get; init; } = "default";

    /// <summary>Requests per second to one host. Zero or less means no rate limit (loopback benchmarks).</summary>
    /// <value>Defaults to 2.</value>
    public double RequestsPerSecond { get; init; } = 2;

    /// <summary>Requests in flight to one host at once.</summary>
    /// <value>Defaults to 2.</value>
    public int MaxConcurrency { get; init; } = 2;

    /// <summary>A delay between requests to one host that replaces robots.txt's <c>Crawl-delay</c>; null uses robots.txt's.</summary>
    /// <value>Defaults to null.</value>
    public TimeSpan? CrawlDelay { get; init; }

    /// <summary>Whether robots.txt (RFC 9309) is obeyed, with its <c>Crawl-delay</c>.</summary>
    /// <value>Defaults to true.</value>
    public bool RespectRobotsTxt { get; init; } = true;

    /// <summary>
    /// Whether loopback, private, link-local, unique-local and multicast addresses may be fetched. Off by default so a
    /// hostile document cannot point the crawler at the inside of our network; on only for sources that live there.
    /// </summary>
    /// <value>Defaults to false.</value>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Extra request headers (an API key, an Accept override...). Hop-by-hop and validator headers are ignored.</summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The hosts <see cref="Headers"/> were configured for, as <see cref="HostOf"/> spells them: the headers (API keys)
    /// go to these and nowhere else, not on a redirect hop to another host, nor over http when first asked over https,
    /// nor with robots.txt. Null limits them to the host of each request's own URI.
    /// </summary>
    /// <value>Defaults to null.</value>
    public IReadOnlySet<string>? HeaderHosts { get; init; }

    /// <summary>The largest body accepted, on the wire and expanded; null uses <see cref="CrawlingOptions.MaxBytes"/>.</summary>
    /// <value>Defaults to null.</value>
    public long? MaxBytes { get; init; }

    /// <summary>The timeout of one attempt (headers and body); null uses <see cref="CrawlingOptions.Timeout"/>.</summary>
    /// <value>Defaults to null.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How <see cref="HeaderHosts"/> names the host of <paramref name="uri"/>: lower-case host and port.</summary>
    public static string HostOf(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"{uri.IdnHost.ToLowerInvariant()}:{uri.Port}";
    }

    /// <summary>Whether <see cref="Headers"/> may go with a request to <paramref name="hop"/>, asked for as <paramref name="requested"/>.</summary>
    public bool MaySendHeadersTo(Uri hop, Uri requested)
    {
        ArgumentNullException.ThrowIfNull(hop);
        ArgumentNullException.ThrowIfNull(requested);
        if (Headers.Count == 0 || (hop.Scheme == Uri.UriSchemeHttp && requested.Scheme == Uri.UriSchemeHttps))
        {
            return false;
        }

        var host = HostOf(hop);
        if (HeaderHosts is null ? host == HostOf(requested) : HeaderHosts.Contains(host))
        {
            return true;
        }

        // An upgrade to https on the same host (http://h/ redirected to https://h/) keeps them.
        return hop.Scheme == Uri.UriSchemeHttps && hop.IsDefaultPort && requested.Scheme == Uri.UriSchemeHttp
            && (HeaderHosts?.Contains($"{hop.IdnHost.ToLowerInvariant()}:80") ?? hop.IdnHost.Equals(requested.IdnHost, StringComparison.OrdinalIgnoreCase));
    }
}
