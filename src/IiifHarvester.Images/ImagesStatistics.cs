namespace IiifHarvester.Images;

/// <summary>Counters of the image proxy, for metrics, tests and the benchmark.</summary>
public sealed class ImagesStatistics
{
    private long _upstreamRequests;
    private long _upstreamFailures;
    private long _hits;
    private long _misses;
    private long _revalidations;
    private long _evictions;
    private long _compositions;

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

    /// <summary>Images composed locally with libvips.</summary>
    public long Compositions => Interlocked.Read(ref _compositions);

    internal void CountUpstreamRequest() => Interlocked.Increment(ref _upstreamRequests);

    internal void CountUpstreamFailure() => Interlocked.Increment(ref _upstreamFailures);

    internal void CountHit() => Interlocked.Increment(ref _hits);

    internal void CountMiss() => Interlocked.Increment(ref _misses);

    internal void CountRevalidation() => Interlocked.Increment(ref _revalidations);

    internal void CountEviction() => Interlocked.Increment(ref _evictions);

    internal void CountComposition() => Interlocked.Increment(ref _compositions);
}
