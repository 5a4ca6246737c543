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

    private readonly ConcurrentDictionary<string, (int Count, double Ms, double Max, double SuspendingMs)> _pauses = new(StringComparer.Ordinal);
    private string _gc = "background";
    private readonly ConcurrentDictionary<string, (int Count, double Bytes)> _promoted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _marking = new(StringComparer.Ordinal);
    private DateTime _marked;
    private DateTime _suspended;
    private double _suspending;

    private enum GcReason
    {
        AllocSmall, Induced, LowMemory, Empty, AllocLarge, OutOfSpaceSoh, OutOfSpaceLoh, InducedNotForced, Internal, InducedLowMemory, InducedCompacting, LowMemoryHost, PmFullGc, LowMemoryHostBlocking,
    }

    private enum GcType
    {
        Blocking, Background, ForegroundDuringBackground,
    }

    public bool Recording { get; set; }

    private string Marking(string label, int count) => string.Join(", ", _marking
        .Where(m => m.Key.StartsWith(label + " ", StringComparison.Ordinal) && m.Value / count >= 0.05)
        .OrderByDescending(m => m.Value)
        .Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key[(label.Length + 1)..]} {m.Value / count:F1} ms")));

    private double Promoted(string label) =>
        _promoted.TryGetValue(label, out var p) && p.Count > 0 ? p.Bytes / p.Count / 1048576 : double.NaN;

    /// <summary>Forgets the pauses seen so far.</summary>
    public void ResetPauses()
    {
        _pauses.Clear();
        _promoted.Clear();
        _marking.Clear();
    }

    /// <summary>The pauses seen while recording, by the generation, reason and kind of the collection that paused.</summary>
    public IEnumerable<string> Pauses() => _pauses.OrderByDescending(p => p.Value.Ms)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value.Count,5} x {p.Key}: {p.Value.Ms / p.Value.Count:F1} ms on average ({p.Value.SuspendingMs / p.Value.Count:F1} ms of it suspending threads), {p.Value.Max:F1} ms at most, {Promoted(p.Key):F1} MB promoted from gen0 and gen1 each; marking {Marking(p.Key, p.Value.Count)}"));

    private readonly bool _allocations;

    /// <summary>With <paramref name="allocations"/> false only the collections are listened to (no allocation samples).</summary>
    public AllocationListener(bool allocations = true)
    {
        _allocations = allocations;
        foreach (var source in EventSource.GetSources())
        {
            Enable(source);
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource) => Enable(eventSource);

    private void Enable(EventSource eventSource)
    {
        // OnEventSourceCreated runs from the base constructor too, before _allocations is set; the constructor then
        // enables the runtime's source again at the level it asks for.
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, _allocations ? EventLevel.Verbose : EventLevel.Informational, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Recording || eventData.Payload is null)
        {
            return;
        }

        var name = eventData.EventName ?? string.Empty;
        if (name.StartsWith("GCMarkWithType", StringComparison.Ordinal))
        {
            // Each root kind's marking ends with this event: the time since the previous one is that kind's.
            var markType = Convert.ToInt32(eventData.Payload[eventData.PayloadNames!.IndexOf("Type")], CultureInfo.InvariantCulture);
            var rootKind = markType switch
            {
                0 => "stacks", 1 => "finalize queue", 2 => "handles", 3 => "older generations (cards)", 4 => "sized refs",
                5 => "overflow", 6 => "dependent handles", 7 => "new finalize queue", 8 => "steal", _ => "other " + markType,
            };
            var at = eventData.TimeStamp;
            if (_marked != default)
            {
                var ms = (at - _marked).TotalMilliseconds;
                _marking.AddOrUpdate(_gc + " " + rootKind, ms, (_, total) => total + ms);
            }

            _marked = at;
            return;
        }

        if (name.StartsWith("GCStart", StringComparison.Ordinal))
        {
            _marked = eventData.TimeStamp;
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

        if (name.StartsWith("GCHeapStats", StringComparison.Ordinal))
        {
            var payload = eventData.PayloadNames!;
            var promoted = Convert.ToDouble(eventData.Payload[payload.IndexOf("TotalPromotedSize0")], CultureInfo.InvariantCulture)
                + Convert.ToDouble(eventData.Payload[payload.IndexOf("TotalPromotedSize1")], CultureInfo.InvariantCulture);
            var label = _gc;
            _promoted.AddOrUpdate(label, (1, promoted), (_, p) => (p.Count + 1, p.Bytes + promoted));
            return;
        }

        if (name.StartsWith("GCSuspendEEEnd", StringComparison.Ordinal))
        {
            _suspending = _suspended == default ? 0 : (eventData.TimeStamp - _suspended).TotalMilliseconds;
            return;
        }

        if (name.StartsWith("GCRestartEEEnd", StringComparison.Ordinal))
        {
            if (_suspended == default)
            {
                return;
            }

            var pause = (eventData.TimeStamp - _suspended).TotalMilliseconds;
            var suspending = _suspending;
            _pauses.AddOrUpdate(_gc, (1, pause, pause, suspending), (_, p) => (p.Count + 1, p.Ms + pause, Math.Max(p.Max, pause), p.SuspendingMs + suspending));
            return;
        }

        if (!_allocations || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal))
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
