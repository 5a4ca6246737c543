using System.Collections.Concurrent;

namespace IiifHarvester.Demo;

/// <summary>Counts the requests a demo institution answered, so tests can say how many a harvest made.</summary>
public sealed class DemoRequestLog
{
    private readonly ConcurrentDictionary<string, int> _byKind = new(StringComparer.Ordinal);
    private int _total;
    private int _notModified;

    /// <summary>All requests.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Requests answered 304.</summary>
    public int NotModified => Volatile.Read(ref _notModified);

    /// <summary>Requests of a kind: <c>activity</c>, <c>collection</c>, <c>manifest</c>, <c>annotations</c>, <c>images</c>.</summary>
    public int this[string kind] => _byKind.TryGetValue(kind, out var n) ? n : 0;

    /// <summary>Forgets every count.</summary>
    public void Reset()
    {
        _byKind.Clear();
        Interlocked.Exchange(ref _total, 0);
        Interlocked.Exchange(ref _notModified, 0);
    }

    internal void Count(string path)
    {
        Interlocked.Increment(ref _total);
        var kind = path.Contains("/activity/", StringComparison.Ordinal) ? "activity"
            : path.Contains("/collection/", StringComparison.Ordinal) ? "collection"
            : path.Contains("/annotations/", StringComparison.Ordinal) ? "annotations"
            : path.EndsWith("/manifest", StringComparison.Ordinal) ? "manifest"
            : path.Contains("/images/", StringComparison.Ordinal) ? "images" : "other";
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    internal void CountNotModified() => Interlocked.Increment(ref _notModified);
}
