using System.Diagnostics;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// Runs a query set in several modes side by side. The machine is shared and noisy, so the modes are interleaved
/// in rounds (A, B, A, B, ...) for both the sequential latency and the concurrent load, and each mode's figures
/// are pooled over its rounds: a burst of load from elsewhere hits every mode alike instead of one of them.
/// </summary>
internal static class Runner
{
    /// <summary>
    /// Sequential latency and concurrent throughput of each of <paramref name="modes"/>; the throughput of each of
    /// <paramref name="externalLoads"/> (e.g. wrk) is measured in the same rounds, after the modes' own load.
    /// </summary>
    public static async Task<(Measurement[] Modes, double[] External)> MeasureInterleavedAsync(
        BenchQuery[] set, int requests, TimeSpan duration, int concurrency, int rounds,
        Func<BenchQuery, Task>[] modes, Func<TimeSpan, Task<(long Completed, double Seconds)>>[] externalLoads)
    {
        var latencies = modes.Select(_ => new List<Latency>(requests)).ToArray();
        var failures = new long[modes.Length];
        var gc = new (long Allocated, int Collections, TimeSpan Paused)[modes.Length];
        var completed = new long[modes.Length + externalLoads.Length];
        var elapsed = new double[modes.Length + externalLoads.Length];
        var perRound = Math.Max(1, requests / rounds);
        var slice = duration / rounds;
        for (var r = 0; r < rounds; r++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: false);
                var collections = GC.CollectionCount(0);
                var paused = GC.GetTotalPauseDuration();
                failures[m] += await LatencyAsync(set, r * perRound, perRound, modes[m], latencies[m]);
                gc[m].Allocated += GC.GetTotalAllocatedBytes(precise: false) - allocated;
                gc[m].Collections += GC.CollectionCount(0) - collections;
                gc[m].Paused += GC.GetTotalPauseDuration() - paused;
            }

            for (var m = 0; m < modes.Length; m++)
            {
                var (count, failed, seconds) = await LoadAsync(set, slice, concurrency, modes[m]);
                completed[m] += count;
                failures[m] += failed;
                elapsed[m] += seconds;
            }

            for (var e = 0; e < externalLoads.Length; e++)
            {
                var (count, seconds) = await externalLoads[e](slice);
                completed[modes.Length + e] += count;
                elapsed[modes.Length + e] += seconds;
            }
        }

        var measured = modes.Select((_, m) => Summarize(latencies[m], completed[m] / elapsed[m], failures[m], gc[m])).ToArray();
        var external = externalLoads.Select((_, e) => completed[modes.Length + e] / Math.Max(1e-9, elapsed[modes.Length + e])).ToArray();
        return (measured, external);
    }

    /// <summary>
    /// Sequential latency only, of each mode in two states of the machine that alternate in <paramref name="rounds"/>
    /// rounds (<paramref name="enter"/> switches to a state and waits for it to settle): side by side, so that the
    /// ratio of the two is not the machine's own drift between two stretches of minutes.
    /// </summary>
    public static async Task<Measurement[][]> MeasureAlternatingAsync(
        BenchQuery[] set, int requests, int rounds, Func<BenchQuery, Task>[] modes, Func<int, Task>[] enter)
    {
        var latencies = enter.Select(_ => modes.Select(_ => new List<Latency>(requests)).ToArray()).ToArray();
        var failures = enter.Select(_ => new long[modes.Length]).ToArray();
        var gc = enter.Select(_ => new (long Allocated, int Collections, TimeSpan Paused)[modes.Length]).ToArray();
        var perRound = Math.Max(1, requests / rounds);
        for (var r = 0; r < rounds; r++)
        {
            for (var state = 0; state < enter.Length; state++)
            {
                await enter[state](r);
                for (var m = 0; m < modes.Length; m++)
                {
                    var allocated = GC.GetTotalAllocatedBytes(precise: false);
                    var collections = GC.CollectionCount(0);
                    var paused = GC.GetTotalPauseDuration();
                    failures[state][m] += await LatencyAsync(set, r * perRound, perRound, modes[m], latencies[state][m]);
                    gc[state][m].Allocated += GC.GetTotalAllocatedBytes(precise: false) - allocated;
                    gc[state][m].Collections += GC.CollectionCount(0) - collections;
                    gc[state][m].Paused += GC.GetTotalPauseDuration() - paused;
                }
            }
        }

        return enter.Select((_, state) => modes.Select((_, m) =>
            Summarize(latencies[state][m], double.NaN, failures[state][m], gc[state][m])).ToArray()).ToArray();
    }

    private static Measurement Summarize(List<Latency> latencies, double throughput, long failures, (long Allocated, int Collections, TimeSpan Paused) gc)
    {
        var all = latencies.Select(l => l.Ms).Order().ToList();
        var p99 = Percentile(all, 0.99);
        var slow = latencies.Where(l => l.Ms >= p99).ToList();
        var withoutGc = latencies.Where(l => !l.Gc).Select(l => l.Ms).Order().ToList();
        return new Measurement(
            Percentile(all, 0.50), p99, throughput, failures,
            slow.Count == 0 ? 0 : slow.Count(l => l.Gc) / (double)slow.Count,
            withoutGc.Count == 0 ? double.NaN : Percentile(withoutGc, 0.99),
            gc.Allocated / 1024.0 / Math.Max(1, latencies.Count),
            gc.Collections * 1000.0 / Math.Max(1, latencies.Count),
            gc.Collections == 0 ? 0 : gc.Paused.TotalMilliseconds / gc.Collections,
            Split(slow), Split(latencies));
    }

    /// <summary>Runs queries for <paramref name="duration"/> so every path is jitted at full tier before measuring.</summary>
    public static async Task WarmAsync(BenchQuery[] set, TimeSpan duration, Func<BenchQuery, Task> run)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < duration && i < 100_000; i++)
        {
            await run(set[i % set.Length]);
        }
    }

    private static async Task<long> LatencyAsync(BenchQuery[] set, int first, int count, Func<BenchQuery, Task> run, List<Latency> latencies)
    {
        long failures = 0;
        for (var i = first; i < first + count; i++)
        {
            // A pause between requests, as one viewer's requests arrive: every mode then starts each request from a
            // waking thread. Without it a CPU-bound in-process loop uses up its scheduler share on a loaded machine
            // and is preempted mid-query, while the HTTP server thread, asleep between requests, is not.
            await Task.Delay(1);
            var collections = GC.CollectionCount(0);
            ServerClock.Reset();
            var started = Stopwatch.GetTimestamp();
            try
            {
                await run(set[i % set.Length]);
                var ended = Stopwatch.GetTimestamp();
                var (entered, responding) = (ServerClock.Entered, ServerClock.Responding);
                latencies.Add(new Latency(
                    Stopwatch.GetElapsedTime(started, ended).TotalMilliseconds, GC.CollectionCount(0) != collections,
                    entered == 0 || responding == 0 ? null : (Stopwatch.GetElapsedTime(started, entered).TotalMilliseconds, Stopwatch.GetElapsedTime(entered, responding).TotalMilliseconds)));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                failures++;
            }
        }

        return failures;
    }

    private static async Task<(long Completed, long Failed, double Seconds)> LoadAsync(BenchQuery[] set, TimeSpan duration, int concurrency, Func<BenchQuery, Task> run)
    {
        long completed = 0;
        long failed = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            // Bounded in time and in count: the load stops by itself.
            for (var i = w; clock.Elapsed < duration && i < 10_000_000; i += concurrency)
            {
                try
                {
                    await run(set[i % set.Length]);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return (completed, failed, clock.Elapsed.TotalSeconds);
    }

    // Median milliseconds of the way in, the server's work to its first byte, and the rest (a median, as one request
    // that met a long collection would swamp a mean of the slowest ten); null without a server.
    private static (double In, double Server, double Out)? Split(List<Latency> latencies)
    {
        var split = latencies.Where(l => l.Server is not null).ToList();
        return split.Count == 0 ? null : (
            Median(split.Select(l => l.Server!.Value.In)),
            Median(split.Select(l => l.Server!.Value.Work)),
            Median(split.Select(l => l.Ms - l.Server!.Value.In - l.Server!.Value.Work)));
    }

    private static double Median(IEnumerable<double> values) => Percentile(values.Order().ToList(), 0.5);

    private readonly record struct Latency(double Ms, bool Gc, (double In, double Work)? Server);

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
