namespace IiifHarvester.Bench.Search;

/// <summary>
/// Sequential latency percentiles (ms) and concurrent throughput (requests/s) of one mode, with what the slowest
/// requests were made of: how many of the slowest 1% had a garbage collection start while they ran, and the p99
/// of the requests no collection touched. Failures are requests that threw or answered other than 2xx. Over the
/// sequential requests, what the process allocated per request (the client's share included for HTTP), how many
/// collections ran per 1,000 requests and how long they paused the process on average. Over HTTP, where the time of
/// the slowest 1% and of all went (<see cref="ServerClock"/>): median ms on the way in, in the server up to its first
/// byte, and after it.
/// </summary>
internal sealed record Measurement(
    double P50, double P99, double Throughput, long Failures, double SlowWithGc, double P99WithoutGc,
    double AllocatedKiBPerRequest, double GcsPerThousand, double MeanPauseMs,
    (double In, double Server, double Out)? SlowSplit = null, (double In, double Server, double Out)? AllSplit = null)
{
    /// <summary>Every sequential latency (ms), for the interval of a ratio of two p99s (<see cref="Bootstrap"/>).</summary>
    public IReadOnlyList<double> Latencies { get; init; } = [];
}
