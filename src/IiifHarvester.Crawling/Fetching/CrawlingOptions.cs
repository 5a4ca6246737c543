namespace IiifHarvester.Crawling.Fetching;

/// <summary>Settings of the crawler shared by every source, bound from the <c>Crawling</c> configuration section.</summary>
public sealed class CrawlingOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string SectionName = "Crawling";

    /// <summary>The product token of the User-Agent, also the token matched in robots.txt groups.</summary>
    /// <value>Defaults to <c>IiifHarvester</c>.</value>
    public string ProductName { get; set; } = "IiifHarvester";

    /// <summary>The product version in the User-Agent.</summary>
    /// <value>Defaults to <c>1.0</c>.</value>
    public string ProductVersion { get; set; } = "1.0";

    /// <summary>Where a webmaster can find out about the crawler and its operator (an http(s) URL; <c>mailto:</c> also accepted).</summary>
    /// <value>Defaults to null: the User-Agent then names the product only. Set it in production.</value>
    public string? ContactUrl { get; set; }

    /// <summary>The timeout of one attempt, from sending to the last body byte, unless the source's policy says otherwise.</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of establishing a TCP/TLS connection.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The largest body read from the wire, unless the source's policy says otherwise.</summary>
    /// <value>Defaults to 50 MiB.</value>
    public long MaxBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The largest body after decompression (a gzip bomb stops here).</summary>
    /// <value>Defaults to 100 MiB.</value>
    public long MaxDecompressedBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>
    /// The largest body on the wire and expanded for a caller with its own limit, or with none (null): a limit of its
    /// own (robots.txt's, an image upstream's) holds for both; otherwise <see cref="MaxBytes"/> and, expanded,
    /// <see cref="MaxDecompressedBytes"/> (never below it).
    /// </summary>
    public (long Wire, long Expanded) BodyLimits(long? own)
        => own is { } limit ? (limit, limit) : (MaxBytes, Math.Max(MaxBytes, MaxDecompressedBytes));

    /// <summary>The most redirects followed for one fetch.</summary>
    /// <value>Defaults to 5.</value>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Retries after the first attempt for 408, 429, 5xx, timeouts and network errors (0 disables retries).</summary>
    /// <value>Defaults to 3.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The base of the exponential, jittered backoff between retries.</summary>
    /// <value>Defaults to 1 second.</value>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait between retries. A Retry-After longer than this is not waited for: the fetch fails as transient
    /// and the document is retried on the next run.
    /// </summary>
    /// <value>Defaults to 2 minutes.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The failure ratio (5xx, timeouts, network errors) in the sampling window that opens a host's circuit.</summary>
    /// <value>Defaults to 0.5.</value>
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest attempts in the sampling window before the circuit may open (at least 2).</summary>
    /// <value>Defaults to 20.</value>
    public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>The sampling window of the circuit breaker (at least 500 ms).</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a host's circuit stays open (at least 500 ms).</summary>
    /// <value>Defaults to 30 seconds.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a fetched robots.txt is trusted.</summary>
    /// <value>Defaults to 24 hours (RFC 9309 §2.4).</value>
    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an unreachable robots.txt (5xx, network error) blocks a host before it is asked again.</summary>
    /// <value>Defaults to 5 minutes.</value>
    public TimeSpan RobotsFailureCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The largest robots.txt read; the rest is ignored.</summary>
    /// <value>Defaults to 500 KiB (RFC 9309 §2.5).</value>
    public int MaxRobotsBytes { get; set; } = 500 * 1024;

    /// <summary>The longest robots.txt <c>Crawl-delay</c> honoured; a longer one is capped to this.</summary>
    /// <value>Defaults to 60 seconds.</value>
    public TimeSpan MaxCrawlDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a pooled connection lives, so DNS changes are seen.</summary>
    /// <value>Defaults to 2 minutes.</value>
    public TimeSpan PooledConnectionLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The User-Agent header built from <see cref="ProductName"/>, <see cref="ProductVersion"/> and <see cref="ContactUrl"/>.</summary>
    public string UserAgent => string.IsNullOrWhiteSpace(ContactUrl)
        ? $"{ProductName}/{ProductVersion}"
        : $"{ProductName}/{ProductVersion} (+{ContactUrl})";
}
