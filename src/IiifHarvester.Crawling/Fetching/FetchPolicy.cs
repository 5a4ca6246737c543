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

    /// <summary>The largest body accepted, on the wire and expanded; null uses <see cref="CrawlingOptions.MaxBytes"/>.</summary>
    /// <value>Defaults to null.</value>
    public long? MaxBytes { get; init; }

    /// <summary>The timeout of one attempt (headers and body); null uses <see cref="CrawlingOptions.Timeout"/>.</summary>
    /// <value>Defaults to null.</value>
    public TimeSpan? Timeout { get; init; }
}
