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
    /// <remarks>
    /// The last <paramref name="sequentialOnly"/> modes are measured for their latency alone (one request at a time,
    /// such as a client in another process); their throughput is NaN.
    /// </remarks>
    public static async Task<(Measurement[] Modes, double[] External)> MeasureInterleavedAsync(
        BenchQuery[] set, int requests, TimeSpan duration, int concurrency, int rounds,
        Func<BenchQuery, Task>[] modes, Func<TimeSpan, Task<(long Completed, double Seconds)>>[] externalLoads, int sequentialOnly = 0)
    {
        var accounts = modes.Select(_ => new LatencyAccount(requests)).ToArray();
        var loaded = modes.Length - sequentialOnly;
        var failures = new long[modes.Length];
        var completed = new long[modes.Length + externalLoads.Length];
        var elapsed = new double[modes.Length + externalLoads.Length];
        var perRound = Math.Max(1, requests / rounds);
        var slice = duration / rounds;
        for (var r = 0; r < rounds; r++)
        {
            for (var m = 0; m < modes.Length; m++)
            {
                await accounts[m].RunAsync(set, r * perRound, perRound, modes[m]);
            }

            for (var m = 0; m < loaded; m++)
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

        var measured = modes.Select((_, m) => accounts[m].Summarize(m < loaded ? completed[m] / elapsed[m] : double.NaN, failures[m])).ToArray();
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
        var accounts = enter.Select(_ => modes.Select(_ => new LatencyAccount(requests)).ToArray()).ToArray();
        var perRound = Math.Max(1, requests / rounds);
        for (var r = 0; r < rounds; r++)
        {
            for (var state = 0; state < enter.Length; state++)
            {
                await enter[state](r);
                for (var m = 0; m < modes.Length; m++)
                {
                    await accounts[state][m].RunAsync(set, r * perRound, perRound, modes[m]);
                }
            }
        }

        return accounts.Select(modeAccounts => modeAccounts.Select(a => a.Summarize(double.NaN, 0)).ToArray()).ToArray();
    }

    /// <summary>One mode's sequential latencies, with their failures and the collections that ran, over its rounds.</summary>
    private sealed class LatencyAccount(int capacity)
    {
        private readonly List<Latency> _latencies = new(capacity);
        private long _failures;
        private long _allocated;
        private int _collections;
        private TimeSpan _paused;

        public async Task RunAsync(BenchQuery[] set, int first, int count, Func<BenchQuery, Task> run)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: false);
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            _failures += await LatencyAsync(set, first, count, run, _latencies);
            _allocated += GC.GetTotalAllocatedBytes(precise: false) - allocated;
            _collections += GC.CollectionCount(0) - collections;
            _paused += GC.GetTotalPauseDuration() - paused;
        }

        /// <summary>The percentiles and what the slowest were made of, with a throughput measured apart.</summary>
        public Measurement Summarize(double throughput, long otherFailures)
        {
            var all = _latencies.Select(l => l.Ms).Order().ToList();
            var p99 = Percentile(all, 0.99);
            var slow = _latencies.Where(l => l.Ms >= p99).ToList();
            var withoutGc = _latencies.Where(l => !l.Gc).Select(l => l.Ms).Order().ToList();
            return new Measurement(
                Percentile(all, 0.50), p99, throughput, _failures + otherFailures,
                slow.Count == 0 ? 0 : slow.Count(l => l.Gc) / (double)slow.Count,
                withoutGc.Count == 0 ? double.NaN : Percentile(withoutGc, 0.99),
                _allocated / 1024.0 / Math.Max(1, _latencies.Count),
                _collections * 1000.0 / Math.Max(1, _latencies.Count),
                _collections == 0 ? 0 : _paused.TotalMilliseconds / _collections,
                Split(slow), Split(_latencies)) { Latencies = all };
        }
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
            ClientProcess.ResetReported();
            var started = Stopwatch.GetTimestamp();
            try
            {
                await run(set[i % set.Length]);
                var ended = Stopwatch.GetTimestamp();

                // A client in its own process times its request itself: the pipe to it is not in the latency.
                (started, ended) = ClientProcess.Reported ?? (started, ended);
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

    /// <summary>The value at rank ceil(p n) of <paramref name="sorted"/> (NaN when it is empty): every percentile the benchmark prints.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
