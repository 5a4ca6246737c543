using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IiifHarvester.Indexing.Threading;

/// <summary>
/// <c>--gc-stalls [--seconds N]</c>: how long a garbage collection keeps a request thread waiting while background
/// work runs lowered, under each <see cref="BackgroundPolicy"/>, on a quiet machine and on one whose cores other
/// processes keep busy (one busy loop per core at normal priority, as a database or other services beside the
/// harvester would). Each row is a child process of its own (the policy is process-wide and taken as threads start):
/// four lowered threads parse manifest-sized JSON without pause, as a harvest does, while a thread at normal priority
/// wakes every millisecond, allocates about 100 KB (as a search answer does) and times it. A collection stops every
/// thread running .NET code, so an operation that meets one waits for the lowered threads to stop too.
/// </summary>
internal static class GcStalls
{
    public static async Task<bool> TryRunAsync(string[] args)
    {
        var child = Array.IndexOf(args, "--gc-stalls-child");
        if (child >= 0)
        {
            RunChild(Enum.Parse<BackgroundPolicy>(args[child + 1]), TimeSpan.FromSeconds(int.Parse(args[child + 2], CultureInfo.InvariantCulture)));
            return true;
        }

        if (!args.Contains("--gc-stalls"))
        {
            return false;
        }

        var secondsArg = Array.IndexOf(args, "--seconds");
        var seconds = secondsArg >= 0 ? int.Parse(args[secondsArg + 1], CultureInfo.InvariantCulture) : 15;
        Console.WriteLine($"GC stalls: {Environment.ProcessorCount} cores, {IiifHarvester.GarbageCollectionReport.Describe()}, {seconds} s per row, the quiet rows first");
        Console.WriteLine("machine\tpolicy\trequest ops\tp99 ms\tp99.9 ms\tmax ms\tcollections\tpaused ms\tms per collection\tbackground parses");
        var rows = new List<(string Load, BackgroundPolicy Policy, double Max, double PerCollection)>();
        foreach (var busy in new[] { false, true })
        {
            var loops = busy ? StartBusyLoops(Environment.ProcessorCount) : [];
            try
            {
                foreach (var policy in Enum.GetValues<BackgroundPolicy>())
                {
                    var line = await RunChildProcessAsync(policy, seconds);
                    var fields = line.Split('\t');
                    var load = busy ? $"busy ({loops.Count} loops)" : "quiet";
                    Console.WriteLine($"{load}\t{policy}\t{line}");
                    rows.Add((load, policy, double.Parse(fields[3], CultureInfo.InvariantCulture), double.Parse(fields[6], CultureInfo.InvariantCulture)));
                }
            }
            finally
            {
                foreach (var loop in loops)
                {
                    loop.Kill();
                    loop.Dispose();
                }
            }
        }

        foreach (var load in rows.Select(r => r.Load).Distinct())
        {
            var idle = rows.Single(r => r.Load == load && r.Policy == BackgroundPolicy.Idle);
            var nice = rows.Single(r => r.Load == load && r.Policy == BackgroundPolicy.Nice);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{load}: longest request op Idle {idle.Max:F1} ms / Nice {nice.Max:F1} ms = {idle.Max / Math.Max(nice.Max, 0.001):F1}x; pause per collection Idle {idle.PerCollection:F1} ms / Nice {nice.PerCollection:F1} ms"));
        }

        return true;
    }

    private static List<Process> StartBusyLoops(int count) =>
        Enumerable.Range(0, count).Select(_ => Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!).ToList();

    private static async Task<string> RunChildProcessAsync(BackgroundPolicy policy, int seconds)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(GcStalls).Assembly.Location);
        }

        foreach (var arg in new[] { "--gc-stalls-child", policy.ToString(), seconds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }

    private static void RunChild(BackgroundPolicy policy, TimeSpan duration)
    {
        BackgroundPriority.Apply(policy);
        var json = JsonSerializer.SerializeToUtf8Bytes(Enumerable.Range(0, 2000).Select(i => new
        {
            id = $"https://example.org/iiif/canvas/{i}",
            label = new { en = new[] { "Canvas " + i } },
            width = 4000,
            height = 6000,
        }).ToArray());
        var stop = Stopwatch.StartNew();
        long parses = 0;
        var workers = Enumerable.Range(0, 4).Select(_ => BackgroundPriority.Run(async () =>
        {
            await Task.Yield();
            while (stop.Elapsed < duration)
            {
                using var document = JsonDocument.Parse(json);
                var length = 0;
                foreach (var canvas in document.RootElement.EnumerateArray())
                {
                    length += canvas.GetProperty("id").GetString()!.Length;
                }

                Interlocked.Increment(ref parses);
            }

            return 0;
        })).ToArray();

        var latencies = new List<double>();
        var paused = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var op = new Stopwatch();
        var kept = 0;
        while (stop.Elapsed < duration)
        {
            Thread.Sleep(1);
            op.Restart();
            var answer = new List<string>(2000);
            for (var i = 0; i < 2000; i++)
            {
                answer.Add(new string('x', 40));
            }

            kept += answer.Count;
            latencies.Add(op.Elapsed.TotalMilliseconds);
        }

        Task.WaitAll(workers);
        paused = GC.GetTotalPauseDuration() - paused;
        collections = GC.CollectionCount(0) - collections;
        latencies.Sort();
        double At(double q) => latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Count}\t{At(0.99):F2}\t{At(0.999):F1}\t{latencies[^1]:F1}\t{collections}\t{paused.TotalMilliseconds:F0}\t{paused.TotalMilliseconds / Math.Max(1, collections):F1}\t{Interlocked.Read(ref parses)}"));
        GC.KeepAlive(kept);
    }
}
