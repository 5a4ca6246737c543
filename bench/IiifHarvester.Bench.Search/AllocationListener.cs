using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// The runtime's allocation samples (one event per ~100 KB allocated, naming the type that crossed the mark) summed
/// by type: what a profiled query set's garbage is made of, without an external profiler.
/// </summary>
internal sealed class AllocationListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, (int Count, double Ms, double Max)> _pauses = new(StringComparer.Ordinal);
    private string _gc = "background";
    private DateTime _suspended;

    private enum GcReason
    {
        AllocSmall, Induced, LowMemory, Empty, AllocLarge, OutOfSpaceSoh, OutOfSpaceLoh, InducedNotForced, Internal, InducedLowMemory, InducedCompacting, LowMemoryHost, PmFullGc, LowMemoryHostBlocking,
    }

    private enum GcType
    {
        Blocking, Background, ForegroundDuringBackground,
    }

    public bool Recording { get; set; }

    /// <summary>The pauses seen while recording, by the generation, reason and kind of the collection that paused.</summary>
    public IEnumerable<string> Pauses() => _pauses.OrderByDescending(p => p.Value.Ms)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value.Count,5} x {p.Key}: {p.Value.Ms / p.Value.Count:F1} ms on average, {p.Value.Max:F1} ms at most"));

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.Payload is null)
        {
            return;
        }

        var name = eventData.EventName ?? string.Empty;
        if (name.StartsWith("GCStart", StringComparison.Ordinal))
        {
            var payload = eventData.PayloadNames!;
            _gc = string.Create(CultureInfo.InvariantCulture,
                $"gen{eventData.Payload[payload.IndexOf("Depth")]} {(GcReason)Convert.ToInt32(eventData.Payload[payload.IndexOf("Reason")], CultureInfo.InvariantCulture)} {(GcType)Convert.ToInt32(eventData.Payload[payload.IndexOf("Type")], CultureInfo.InvariantCulture)}");
            return;
        }

        if (name.StartsWith("GCSuspendEEBegin", StringComparison.Ordinal))
        {
            // Only suspensions for a collection (1) or its preparation (6); a profiler's own are not pauses of ours.
            var reason = Convert.ToInt32(eventData.Payload[eventData.PayloadNames!.IndexOf("Reason")], CultureInfo.InvariantCulture);
            _suspended = reason is 1 or 6 ? eventData.TimeStamp : default;
            return;
        }

        if (name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal))
        {
            if (_suspended == default)
            {
                return;
            }

            var pause = (eventData.TimeStamp - _suspended).TotalMilliseconds;
            _pauses.AddOrUpdate(_gc, (1, pause, pause), (_, p) => (p.Count + 1, p.Ms + pause, Math.Max(p.Max, pause)));
            return;
        }

        if (!name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
        {
            return;
        }

        var names = eventData.PayloadNames!;
        var type = eventData.Payload[names.IndexOf("TypeName")] as string ?? "?";
        var kind = names.IndexOf("AllocationKind");
        if (kind >= 0 && Convert.ToInt32(eventData.Payload[kind], CultureInfo.InvariantCulture) == 1)
        {
            type += " (large object heap)";
        }

        var amount = Convert.ToInt64(eventData.Payload[names.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
        _bytes.AddOrUpdate(type, amount, (_, total) => total + amount);
    }

    /// <summary>The <paramref name="count"/> types sampled most, with their share of the sampled bytes.</summary>
    public IEnumerable<string> Top(int count)
    {
        var total = Math.Max(1, _bytes.Values.Sum());
        return _bytes.OrderByDescending(p => p.Value).Take(count)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value * 100.0 / total,5:F1}%  {p.Key}"));
    }
}
