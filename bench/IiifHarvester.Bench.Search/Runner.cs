using System.Diagnostics;

namespace IiifHarvester.Bench.Search;

/// <summary>Runs a query set: sequential latency, then a bounded concurrent load.</summary>
internal static class Runner
{
    public static async Task<Measurement> MeasureAsync(BenchQuery[] set, int requests, TimeSpan duration, int concurrency, Func<BenchQuery, Task> run)
    {
        var latencies = await LatencyAsync(set, requests, run);
        latencies.Sort();
        var throughput = await ThroughputAsync(set, duration, concurrency, run);
        return new Measurement(Percentile(latencies, 0.50), Percentile(latencies, 0.99), throughput);
    }

    public static async Task<List<double>> LatencyAsync(BenchQuery[] set, int requests, Func<BenchQuery, Task> run)
    {
        var latencies = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await run(set[i % set.Length]);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return latencies;
    }

    /// <summary>Runs queries for <paramref name="duration"/> so both paths are jitted at full tier before measuring.</summary>
    public static async Task WarmAsync(BenchQuery[] set, TimeSpan duration, Func<BenchQuery, Task> run)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration && i < 100_000; i++)
        {
            await run(set[i % set.Length]);
        }
    }

    private static async Task<double> ThroughputAsync(BenchQuery[] set, TimeSpan duration, int concurrency, Func<BenchQuery, Task> run)
    {
        long completed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            // Bounded in time and in count: the load stops by itself.
            for (var i = w; clock.Elapsed < duration && i < 10_000_000; i += concurrency)
            {
                await run(set[i % set.Length]);
                Interlocked.Increment(ref completed);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return completed / clock.Elapsed.TotalSeconds;
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
