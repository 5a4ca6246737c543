namespace IiifHarvester.Bench.Images;

/// <summary>The proxy process's counters.</summary>
internal sealed record StatsDto(long UpstreamRequests, long Hits, long Misses);
