using System.Globalization;
using System.Runtime;
using IiifHarvester.Indexing.Threading;

namespace IiifHarvester;

/// <summary>
/// Says once, at start, how the garbage collector is set up for searching while a harvest runs: the gen0 budget floor
/// can only be given as the environment variable <see cref="Gen0SizeVariable"/> (the runtime reads it from nowhere
/// else), so a process started without it is named in the log rather than found out from its latency. Then, every
/// <see cref="CheckInterval"/>, it looks at how long collections paused the process: a collection stops every thread
/// running .NET code, and where background work runs under SCHED_IDLE on a machine whose cores other processes keep
/// busy, it waits for those threads to be scheduled at all (a gen0 collection of 2 ms took 530 ms on average,
/// <c>--gc-stalls</c> of the harvest bench). Long pauses there are logged as a warning that names the setting to change.
/// </summary>
public sealed partial class GarbageCollectionReport : IHostedService, IDisposable
{
    /// <summary>How often the pauses are looked at.</summary>
    internal static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The average pause per collection over a <see cref="CheckInterval"/> from which the warning is given: gen0
    /// collections during a harvest averaged 3-11 ms in the search bench, and 530 ms where the idle-policy threads
    /// starved.
    /// </summary>
    internal static readonly TimeSpan StallThreshold = TimeSpan.FromMilliseconds(40);

    private static readonly TimeSpan WarningEvery = TimeSpan.FromHours(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Func<(TimeSpan Paused, int Collections)> _read;
    private readonly Func<BackgroundPolicy> _policy;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private (TimeSpan Paused, int Collections) _last;
    private DateTimeOffset? _warnedAt;

    public GarbageCollectionReport(ILogger<GarbageCollectionReport> logger, TimeProvider time)
        : this(logger, time, static () => (GC.GetTotalPauseDuration(), GC.CollectionCount(0)), static () => BackgroundPriority.Policy)
    {
    }

    internal GarbageCollectionReport(ILogger logger, TimeProvider time, Func<(TimeSpan Paused, int Collections)> read, Func<BackgroundPolicy> policy)
    {
        _logger = logger;
        _time = time;
        _read = read;
        _policy = policy;
    }

    /// <summary>The runtime's setting for the smallest gen0 budget, in bytes, as hexadecimal.</summary>
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";

    /// <summary>What the launch profiles and the README set: 256 MiB.</summary>
    public const string RecommendedGen0Size = "0x10000000";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var kind = GCSettings.IsServerGC ? "server" : "workstation";
        if (Gen0Budget(Environment.GetEnvironmentVariable(Gen0SizeVariable)) is { } budget)
        {
            LogBudget(_logger, kind, budget / 1048576);
        }
        else
        {
            LogDefaultBudget(_logger, kind, Gen0SizeVariable, RecommendedGen0Size);
        }

        var policy = _policy();
        LogPolicy(_logger, policy);
        lock (_gate)
        {
            _last = _read();
            _timer = _time.CreateTimer(static state => ((GarbageCollectionReport)state!).Check(), this, CheckInterval, CheckInterval);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    /// <summary>Looks at the pauses since the last look; warns (at most hourly) of long ones under SCHED_IDLE.</summary>
    internal void Check()
    {
        lock (_gate)
        {
            var now = _read();
            var (paused, collections) = (now.Paused - _last.Paused, now.Collections - _last.Collections);
            _last = now;
            if (collections <= 0 || _policy() != BackgroundPolicy.Idle || paused / collections < StallThreshold)
            {
                return;
            }

            var at = _time.GetUtcNow();
            if (_warnedAt is { } warned && at - warned < WarningEvery)
            {
                return;
            }

            _warnedAt = at;
            LogStalls(_logger, (long)(paused / collections).TotalMilliseconds, collections, (long)CheckInterval.TotalSeconds);
        }
    }

    /// <summary>The collector this process runs with, in a few words, for a benchmark's header.</summary>
    public static string Describe()
    {
        var budget = Gen0Budget(Environment.GetEnvironmentVariable(Gen0SizeVariable)) is { } bytes
            ? string.Create(CultureInfo.InvariantCulture, $"at least {bytes / 1048576} MiB ({Gen0SizeVariable})")
            : $"the runtime's own ({Gen0SizeVariable} unset)";
        return $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC (dynamic adaptation {AppContext.GetData("System.GC.DynamicAdaptationMode") ?? "default"}), gen0 budget {budget}";
    }

    /// <summary>The budget <paramref name="value"/> gives, read as the runtime reads it (hexadecimal, "0x" optional).</summary>
    public static long? Gen0Budget(string? value)
    {
        var digits = value?.Trim();
        if (digits is not null && digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            digits = digits[2..];
        }

        return long.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bytes) && bytes > 0 ? bytes : null;
    }

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information,
        Message = "Background work (harvests, merges) yields to searches: {Policy} (Harvesting:BackgroundPolicy)")]
    private static partial void LogPolicy(ILogger logger, BackgroundPolicy policy);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Warning,
        Message = "Garbage collections paused the process {AverageMs} ms on average ({Collections} in the last {Seconds} s) while background work runs under SCHED_IDLE. If other processes keep this machine's cores busy, each collection waits for those threads to be given a core; set Harvesting:BackgroundPolicy to Nice")]
    private static partial void LogStalls(ILogger logger, long averageMs, int collections, long seconds);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Garbage collector: {Kind}, gen0 budget at least {MiB} MiB: a search meets a collection rarely while a harvest allocates")]
    private static partial void LogBudget(ILogger logger, string kind, long miB);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information,
        Message = "Garbage collector: {Kind}, the runtime's own gen0 budget: while a harvest runs, searches meet a collection about five times as often as with {Variable}={Recommended} set in the environment")]
    private static partial void LogDefaultBudget(ILogger logger, string kind, string variable, string recommended);
}
