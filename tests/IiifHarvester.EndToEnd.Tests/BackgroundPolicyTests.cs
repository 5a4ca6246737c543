using System.Globalization;
using IiifHarvester.Indexing.Threading;
using IiifHarvester.TestUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// <c>Harvesting:BackgroundPolicy</c>: how the background threads of a real <c>serve</c> process are lowered, and the
/// collector report's warning where collections wait for idle-policy threads that get no core.
/// </summary>
public sealed class BackgroundPolicyTests : IDisposable
{
    private const int SchedOther = 0;
    private const int SchedIdle = 5;
    private const string ReportCategory = "--Logging:LogLevel:IiifHarvester.GarbageCollectionReport=Information";
    private readonly TempDirectory _data = new("iiifh-policy");

    [Theory]
    [InlineData(null, SchedIdle, 0)]
    [InlineData("Idle", SchedIdle, 0)]
    [InlineData("nice", SchedOther, 10)]
    public async Task Serve_BackgroundPolicy_LowersTheBackgroundThreadsSo(string? policy, int schedulingPolicy, int nice)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var serve = await ServeProcess.StartAsync(_data.Path, Arguments(policy));

        // The index follower's catch-up at start runs on the background threads, which start then.
        var threads = new List<(string Name, int Policy, int Nice)>();
        await serve.WaitForAsync(() =>
        {
            threads = Threads(serve.Host.Id, "Background work");
            return Task.FromResult(threads.Count > 0);
        }, "the background threads");

        Assert.All(threads, t => Assert.Equal((schedulingPolicy, nice), (t.Policy, t.Nice)));
        await WaitForPolicyInLogAsync(serve, policy ?? "Idle");
    }

    [Fact]
    public async Task Serve_BackgroundPolicyNormal_StartsNoLoweredThreads()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var serve = await ServeProcess.StartAsync(_data.Path, Arguments("Normal"));
        await WaitForPolicyInLogAsync(serve, "Normal");

        // The follower's catch-up at start has run by the time the index answers a search.
        Assert.Equal(System.Net.HttpStatusCode.OK, await serve.StatusCodeAsync("/iiif/search/2/all?q=x"));
        Assert.Empty(Threads(serve.Host.Id, "Background work"));
        Assert.All(Threads(serve.Host.Id, string.Empty).Where(t => t.Name != "SQLite idle wri"), t => Assert.Equal((SchedOther, 0), (t.Policy, t.Nice)));
    }

    [Fact]
    public async Task Serve_UnknownBackgroundPolicy_StopsSayingWhatItMustBe()
    {
        using var serve = HostProcess.Start(_data.Path, "serve", "--data", _data.Path, "--urls", "http://127.0.0.1:0", "--Harvesting:BackgroundPolicy=lowest");

        var exit = await serve.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.NotEqual(0, exit);
        Assert.Contains("Harvesting:BackgroundPolicy is \"lowest\"; it must be Idle, Nice or Normal.", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_LongPausesUnderTheIdlePolicy_WarnsAtMostHourlyNamingTheSetting()
    {
        var (report, time, gc, log) = Report(BackgroundPolicy.Idle);

        // 4 collections pausing 1.2 s in all: 300 ms each, where a harvest's gen0 collections take a few.
        gc.Add(TimeSpan.FromMilliseconds(1200), 4);
        time.Advance(GarbageCollectionReport.CheckInterval);
        gc.Add(TimeSpan.FromMilliseconds(1200), 4);
        time.Advance(GarbageCollectionReport.CheckInterval);
        var afterTwoChecks = log.Warnings.Count;
        time.Advance(TimeSpan.FromHours(1));
        gc.Add(TimeSpan.FromMilliseconds(900), 3);
        time.Advance(GarbageCollectionReport.CheckInterval);

        Assert.Equal(1, afterTwoChecks);
        Assert.Equal(2, log.Warnings.Count);
        Assert.Contains("300 ms on average (4 in the last 30 s)", log.Warnings[0], StringComparison.Ordinal);
        Assert.Contains("set Harvesting:BackgroundPolicy to Nice", log.Warnings[0], StringComparison.Ordinal);
        report.Dispose();
    }

    [Theory]
    [InlineData(BackgroundPolicy.Idle, 10)]
    [InlineData(BackgroundPolicy.Nice, 300)]
    [InlineData(BackgroundPolicy.Normal, 300)]
    public void Check_ShortPausesOrAPolicyThatDoesNotStarve_DoesNotWarn(BackgroundPolicy policy, int averageMs)
    {
        var (report, time, gc, log) = Report(policy);

        gc.Add(TimeSpan.FromMilliseconds(averageMs * 5), 5);
        time.Advance(GarbageCollectionReport.CheckInterval);
        time.Advance(GarbageCollectionReport.CheckInterval);

        Assert.Empty(log.Warnings);
        report.Dispose();
    }

    public void Dispose() => _data.Dispose();

    private static string[] Arguments(string? policy) =>
        policy is null ? [ReportCategory] : [ReportCategory, $"--Harvesting:BackgroundPolicy={policy}"];

    private static Task WaitForPolicyInLogAsync(ServeProcess serve, string policy)
    {
        var expected = $"yields to searches: {Enum.Parse<BackgroundPolicy>(policy, ignoreCase: true)}";
        return serve.WaitForAsync(() => Task.FromResult(serve.Host.Output.Contains(expected, StringComparison.Ordinal)), "the policy in the log");
    }

    private static (GarbageCollectionReport Report, FakeTimeProvider Time, Collector Gc, WarningLog Log) Report(BackgroundPolicy policy)
    {
        var time = new FakeTimeProvider();
        var gc = new Collector();
        var log = new WarningLog();
        var report = new GarbageCollectionReport(log, time, gc.Read, () => policy);
        report.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return (report, time, gc, log);
    }

    /// <summary>The name, scheduling policy and nice value of each thread of process <paramref name="pid"/> whose name starts with <paramref name="prefix"/>.</summary>
    private static List<(string Name, int Policy, int Nice)> Threads(int pid, string prefix)
    {
        var threads = new List<(string, int, int)>();
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                if (!name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                // proc(5): after "(comm) ", field 19 (nice) is the 17th and field 41 (policy) the 39th.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                threads.Add((name, int.Parse(fields[38], CultureInfo.InvariantCulture), int.Parse(fields[16], CultureInfo.InvariantCulture)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return threads;
    }

    private sealed class Collector
    {
        private (TimeSpan Paused, int Collections) _totals;

        public void Add(TimeSpan paused, int collections) => _totals = (_totals.Paused + paused, _totals.Collections + collections);

        public (TimeSpan Paused, int Collections) Read() => _totals;
    }

    private sealed class WarningLog : ILogger
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
