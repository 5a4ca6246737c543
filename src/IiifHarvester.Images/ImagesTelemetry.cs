using System.Diagnostics;
using System.Diagnostics.Metrics;
using IiifHarvester.Images.Serving;

namespace IiifHarvester.Images;

/// <summary>
/// Traces and metrics of the image proxy: a span per upstream fetch (<c>iiifharvester.images.upstream</c>) and per
/// composed image (<c>iiifharvester.images.compose</c>); answers by cache status (<c>iiifharvester.images.requests</c>),
/// and the cache's and upstreams' own counts (<see cref="ImagesStatistics"/> adds to them).
/// </summary>
public static class ImagesTelemetry
{
    /// <summary>The ActivitySource and Meter name.</summary>
    public const string Name = "IiifHarvester.Images";

    /// <summary>
    /// The attribute of an answer's cache status, the short form of its <c>Cache-Status</c> header: <c>hit</c>,
    /// <c>miss</c>, <c>stale</c> (revalidated, replaced, remade or served stale on error), <c>bypass</c> (IIIF Auth),
    /// <c>error</c> (a remembered upstream error), <c>refused</c> (a bad request or an unknown image).
    /// </summary>
    public const string CacheStatusAttribute = "iiifharvester.images.cache_status";

    /// <summary>The attribute of what was asked for: <c>info</c> (info.json) or <c>image</c>.</summary>
    public const string ResourceAttribute = "iiifharvester.images.resource";

    /// <summary>The activity source.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>("iiifharvester.images.requests", "{request}", "Image and info.json answers, by cache status and resource.");

    internal static readonly Counter<long> CacheLookups = Meter.CreateCounter<long>("iiifharvester.images.cache.lookups", "{lookup}", "Cache lookups (info and image, pieces of composed images included), by cache status (hit, miss).");

    internal static readonly Counter<long> MemoryHits = Meter.CreateCounter<long>("iiifharvester.images.cache.memory_hits", "{hit}", "Hits answered from the memory tier (no file opened).");

    internal static readonly Counter<long> Revalidations = Meter.CreateCounter<long>("iiifharvester.images.cache.revalidations", "{request}", "Conditional requests sent upstream for stale copies.");

    internal static readonly Counter<long> Evictions = Meter.CreateCounter<long>("iiifharvester.images.cache.evictions", "{entry}", "Cache entries evicted for the size cap.");

    internal static readonly Counter<long> Compositions = Meter.CreateCounter<long>("iiifharvester.images.compositions", "{image}", "Images composed locally with libvips.");

    internal static readonly Counter<long> UpstreamRequests = Meter.CreateCounter<long>("iiifharvester.images.upstream.requests", "{request}", "Requests sent to image servers (redirect hops included).");

    internal static readonly Counter<long> UpstreamFailures = Meter.CreateCounter<long>("iiifharvester.images.upstream.failures", "{request}", "Requests to image servers that failed (time-out, broken, refused).");

    /// <summary>Counts an answer with the <c>Cache-Status</c> it was given (info.json when <paramref name="info"/>).</summary>
    public static void Answered(string cacheStatus, bool info)
    {
        ArgumentNullException.ThrowIfNull(cacheStatus);
        Requests.Add(
            1,
            new KeyValuePair<string, object?>(CacheStatusAttribute, ShortCacheStatus(cacheStatus)),
            new KeyValuePair<string, object?>(ResourceAttribute, info ? "info" : "image"));
    }

    /// <summary>The short form of a <c>Cache-Status</c> value (see <see cref="CacheStatusAttribute"/>).</summary>
    public static string ShortCacheStatus(string cacheStatus) => cacheStatus switch
    {
        CacheStatusValues.Hit => "hit",
        CacheStatusValues.Miss => "miss",
        CacheStatusValues.Bypass => "bypass",
        CacheStatusValues.Refused => "refused",
        CacheStatusValues.RememberedError => "error",
        _ when cacheStatus.Contains("fwd=stale", StringComparison.Ordinal) => "stale",
        _ when cacheStatus.Contains("fwd=bypass", StringComparison.Ordinal) => "bypass",
        _ when cacheStatus.Contains("fwd=uri-miss", StringComparison.Ordinal) => "miss",
        _ => "other",
    };
}
