using System.Globalization;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// The CPU time this process's threads have used, read from /proc/self/task (Linux; elsewhere empty), by whether a
/// thread runs lowered (SCHED_IDLE or a positive nice value) or at normal priority, and by thread name: what share of
/// a harvest's work competes with request handling for the cores.
/// </summary>
internal sealed class ThreadCpu
{
    private readonly Dictionary<int, (string Name, bool Lowered, long Ticks)> _threads;

    private ThreadCpu(Dictionary<int, (string Name, bool Lowered, long Ticks)> threads) => _threads = threads;

    /// <summary>Each live thread's CPU time so far.</summary>
    public static ThreadCpu Take()
    {
        var threads = new Dictionary<int, (string, bool, long)>();
        if (!OperatingSystem.IsLinux())
        {
            return new ThreadCpu(threads);
        }

        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                // The name is in parentheses and may hold spaces; the fields after it are numbered from 3.
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var name = stat[(open + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                long Field(int number) => long.Parse(fields[number - 3], CultureInfo.InvariantCulture);
                var lowered = Field(41) == 5 || Field(19) > 0;
                threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = (name, lowered, Field(14) + Field(15));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The thread ended while it was read.
            }
        }

        return new ThreadCpu(threads);
    }

    /// <summary>
    /// The CPU time used since <paramref name="earlier"/> (threads started since count from zero; threads that ended
    /// are lost), as one line: lowered and normal seconds, and the normal-priority thread names that used the most.
    /// </summary>
    public string Since(ThreadCpu earlier, double seconds)
    {
        var perSecond = 1.0 / 100; // USER_HZ is 100 on Linux.
        var used = _threads.Select(t => (t.Value.Name, t.Value.Lowered,
            Seconds: (t.Value.Ticks - (earlier._threads.TryGetValue(t.Key, out var e) && e.Name == t.Value.Name ? e.Ticks : 0)) * perSecond)).ToArray();
        var lowered = used.Where(u => u.Lowered).Sum(u => u.Seconds);
        var normal = used.Where(u => !u.Lowered).Sum(u => u.Seconds);
        var byName = used.Where(u => !u.Lowered && u.Seconds > 0)
            .GroupBy(u => u.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Threads: g.Count(), Seconds: g.Sum(u => u.Seconds)))
            .OrderByDescending(g => g.Seconds)
            .Take(6);
        return string.Create(CultureInfo.InvariantCulture,
            $"CPU over {seconds:F0} s: {lowered:F1} s on lowered threads, {normal:F1} s at normal priority ({string.Join(", ", byName.Select(g => $"{g.Name} x{g.Threads} {g.Seconds:F1} s"))})");
    }
}
