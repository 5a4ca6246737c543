namespace IiifHarvester.Bench.Images;

/// <summary>A server answering the cached tile, and how to read the CPU time of its process.</summary>
internal sealed record HitTarget(string Name, Uri Url, Func<double> CpuSeconds);
