namespace IiifHarvester.Images;

/// <summary>
/// The image proxy's counts: every count goes to its <see cref="ImagesTelemetry"/> instrument as it happens (the
/// numbers exported), and is tallied here too, per proxy, for tests and the benchmark.
/// </summary>
public sealed class ImagesStatistics
{
    private long _upstreamRequests;
    private long _upstreamFailures;
    private long _hits;
    private long _misses;
    private long _revalidations;
    private long _evictions;
    private long _compositions;
    private long _memoryHits;

    /// <summary>Requests sent to upstreams (redirect hops included).</summary>
    public long UpstreamRequests => Interlocked.Read(ref _upstreamRequests);

    /// <summary>Upstream requests that failed (time-out, broken, refused).</summary>
    public long UpstreamFailures => Interlocked.Read(ref _upstreamFailures);

    /// <summary>Answers from a fresh cached copy.</summary>
    public long Hits => Interlocked.Read(ref _hits);

    /// <summary>Answers that needed a fetch or a composition.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Conditional requests sent for stale copies.</summary>
    public long Revalidations => Interlocked.Read(ref _revalidations);

    /// <summary>Entries evicted for the size cap.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>Hits answered from the memory tier (no file opened).</summary>
    public long MemoryHits => Interlocked.Read(ref _memoryHits);

    /// <summary>Images composed locally with libvips.</summary>
    public long Compositions => Interlocked.Read(ref _compositions);

    internal void CountUpstreamRequest()
    {
        Interlocked.Increment(ref _upstreamRequests);
        ImagesTelemetry.UpstreamRequests.Add(1);
    }

    internal void CountUpstreamFailure()
    {
        Interlocked.Increment(ref _upstreamFailures);
        ImagesTelemetry.UpstreamFailures.Add(1);
    }

    internal void CountHit()
    {
        Interlocked.Increment(ref _hits);
        ImagesTelemetry.CacheLookups.Add(1, new KeyValuePair<string, object?>(ImagesTelemetry.CacheStatusAttribute, "hit"));
    }

    internal void CountMiss()
    {
        Interlocked.Increment(ref _misses);
        ImagesTelemetry.CacheLookups.Add(1, new KeyValuePair<string, object?>(ImagesTelemetry.CacheStatusAttribute, "miss"));
    }

    internal void CountRevalidation()
    {
        Interlocked.Increment(ref _revalidations);
        ImagesTelemetry.Revalidations.Add(1);
    }

    internal void CountEviction()
    {
        Interlocked.Increment(ref _evictions);
        ImagesTelemetry.Evictions.Add(1);
    }

    internal void CountMemoryHit()
    {
        Interlocked.Increment(ref _memoryHits);
        ImagesTelemetry.MemoryHits.Add(1);
    }

    internal void CountComposition()
    {
        Interlocked.Increment(ref _compositions);
        ImagesTelemetry.Compositions.Add(1);
    }
}
