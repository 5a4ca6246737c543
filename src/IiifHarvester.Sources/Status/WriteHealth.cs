using System.Collections.Concurrent;

namespace IiifHarvester.Sources.Status;

/// <summary>
/// Whether the process can write: the store (harvest runs) and the index (catch-ups). A write that fails (a full disk,
/// a read-only or locked store) marks its part failing until a write there succeeds again; reads go on meanwhile.
/// Readiness (<c>/healthz/ready</c>) reports it; liveness (<c>/healthz</c>) does not.
/// </summary>
public sealed class WriteHealth
{
    /// <summary>The store part.</summary>
    public const string Store = "store";

    /// <summary>The index part.</summary>
    public const string Index = "index";

    private readonly ConcurrentDictionary<string, WriteFailure> _failing = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public WriteHealth(TimeProvider time) => _time = time;

    /// <summary>The parts whose last write failed, with why and since when.</summary>
    public IReadOnlyDictionary<string, WriteFailure> Failing => _failing;

    /// <summary>Whether every part's last write succeeded.</summary>
    public bool IsHealthy => _failing.IsEmpty;

    /// <summary>Records that a write to <paramref name="part"/> failed (keeping when the failures began).</summary>
    public void Failed(string part, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var now = _time.GetUtcNow();
        _failing.AddOrUpdate(part, _ => new WriteFailure(exception.Message, now, now), (_, old) => old with { Reason = exception.Message, LastAt = now });
    }

    /// <summary>Records that a write to <paramref name="part"/> succeeded.</summary>
    public void Succeeded(string part) => _failing.TryRemove(part, out _);
}
