namespace IiifHarvester.Bench.Search;

/// <summary>Sequential latency percentiles (ms) and concurrent throughput (requests/s).</summary>
internal sealed record Measurement(double P50, double P99, double Throughput);
