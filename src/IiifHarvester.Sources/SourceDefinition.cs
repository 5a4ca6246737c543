namespace IiifHarvester.Sources;

/// <summary>One institution we harvest, as configured and validated.</summary>
public sealed record SourceDefinition
{
    /// <summary>The source's key: lowercase letters, digits and dashes; names it in URLs, logs and the store.</summary>
    public required string Key { get; init; }

    /// <summary>The institution's display name.</summary>
    public required string Name { get; init; }

    /// <summary>Change Discovery 1.0 streams (OrderedCollection URLs).</summary>
    public IReadOnlyList<Uri> Streams { get; init; } = [];

    /// <summary>Top-level collections to crawl.</summary>
    public IReadOnlyList<Uri> Collections { get; init; } = [];

    /// <summary>Individual manifests to harvest (as a tiny source or an addition).</summary>
    public IReadOnlyList<Uri> Manifests { get; init; } = [];

    /// <summary>The Quartz cron expression of the schedule.</summary>
    public required string Schedule { get; init; }

    /// <summary>Requests per second to each of the source's hosts.</summary>
    public double RequestsPerSecond { get; init; } = 2;

    /// <summary>Concurrent requests to each of the source's hosts.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>A delay between requests that overrides robots.txt's Crawl-delay.</summary>
    public TimeSpan? CrawlDelay { get; init; }

    /// <summary>Whether robots.txt is respected.</summary>
    public bool RespectRobotsTxt { get; init; } = true;

    /// <summary>Whether the source may be on loopback, private or link-local addresses (the demo, a lab server).</summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>Extra request headers (an API key an institution gave us).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether OCR files (ALTO, hOCR, PAGE XML) and captions (WebVTT) linked from manifests are fetched and indexed.</summary>
    public bool FetchOcr { get; init; } = true;

    /// <summary>How often a full reconciliation looks for what disappeared without a Delete activity.</summary>
    public TimeSpan ReconcileEvery { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The overlap window when resuming a Discovery stream (streams exist whose endTime is not when the change happened).</summary>
    public TimeSpan StreamOverlap { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Whether images behind IIIF Auth may be cached by the image proxy.</summary>
    public bool CacheAuthImages { get; init; }

    /// <summary>
    /// Whether re-served manifests send viewers to our image proxy: their image services (and the thumbnails and
    /// annotation bodies under them) point at <c>/iiif/image/{key}</c> instead of the institution's server.
    /// </summary>
    public bool ProxyImages { get; init; }

    /// <summary>The hosts the source's documents live on (its streams, collections and manifests).</summary>
    public IReadOnlySet<string> Hosts => Streams.Concat(Collections).Concat(Manifests).Select(u => u.Host).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
