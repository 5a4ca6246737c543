using System.Collections.Concurrent;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Status;

/// <summary>What each source's last and current runs did, for <c>/admin/status</c> (as <see cref="IHarvestStatus"/>).</summary>
public sealed class HarvestStatusBoard : IHarvestStatus
{
    private readonly ConcurrentDictionary<string, HarvestRunResult> _last = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HarvestRunResult> _refused = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (DateTimeOffset StartedAt, HarvestCounters Counters)> _running = new(StringComparer.Ordinal);

    /// <summary>Marks a run started.</summary>
    public void Started(string sourceKey, DateTimeOffset at, HarvestCounters counters) => _running[sourceKey] = (at, counters);

    /// <summary>Records a finished run.</summary>
    public void Finished(HarvestRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _running.TryRemove(result.SourceKey, out _);
        _last[result.SourceKey] = result;
    }

    /// <summary>Records a run that was refused because another held the source.</summary>
    public void Refused(HarvestRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        _refused[result.SourceKey] = result;
    }

    /// <summary>The last refused run of a source, or null.</summary>
    public HarvestRunResult? LastRefused(string sourceKey) => _refused.TryGetValue(sourceKey, out var r) ? r : null;

    /// <summary>The last finished run of a source, or null.</summary>
    public HarvestRunResult? LastRun(string sourceKey) => _last.TryGetValue(sourceKey, out var r) ? r : null;

    /// <summary>The run in progress, or null.</summary>
    public (DateTimeOffset StartedAt, HarvestCountsSnapshot Counts)? Running(string sourceKey) =>
        _running.TryGetValue(sourceKey, out var r) ? (r.StartedAt, r.Counters.Snapshot()) : null;
}
