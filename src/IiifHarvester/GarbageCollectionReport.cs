using System.Globalization;
using System.Runtime;

namespace IiifHarvester;

/// <summary>
/// Says once, at start, how the garbage collector is set up for searching while a harvest runs: the gen0 budget floor
/// can only be given as the environment variable <see cref="Gen0SizeVariable"/> (the runtime reads it from nowhere
/// else), so a process started without it is named in the log rather than found out from its latency.
/// </summary>
public sealed partial class GarbageCollectionReport(ILogger<GarbageCollectionReport> logger) : IHostedService
{
    /// <summary>The runtime's setting for the smallest gen0 budget, in bytes, as hexadecimal.</summary>
    public const string Gen0SizeVariable = "DOTNET_GCgen0size";

    /// <summary>What the launch profiles and the README set: 256 MiB.</summary>
    public const string RecommendedGen0Size = "0x10000000";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var kind = GCSettings.IsServerGC ? "server" : "workstation";
        if (Gen0Budget(Environment.GetEnvironmentVariable(Gen0SizeVariable)) is { } budget)
        {
            LogBudget(logger, kind, budget / 1048576);
        }
        else
        {
            LogDefaultBudget(logger, kind, Gen0SizeVariable, RecommendedGen0Size);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information,
        Message = "Garbage collector: {Kind}, gen0 budget at least {MiB} MiB: a search meets a collection rarely while a harvest allocates")]
    private static partial void LogBudget(ILogger logger, string kind, long miB);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information,
        Message = "Garbage collector: {Kind}, the runtime's own gen0 budget: while a harvest runs, searches meet a collection about five times as often as with {Variable}={Recommended} set in the environment")]
    private static partial void LogDefaultBudget(ILogger logger, string kind, string variable, string recommended);
}
