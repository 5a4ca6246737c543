using System.Collections.Concurrent;

namespace IiifHarvester.Images.Caching;

/// <summary>
/// Upstream errors remembered briefly (in memory only, never on disk and never as a success), so a failing upstream is
/// not asked again for every client request.
/// </summary>
internal sealed class ErrorCache(TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, Entry> _errors = new(StringComparer.Ordinal);

    /// <summary>Remembers an error for <paramref name="ttl"/>.</summary>
    public void Remember(string cacheKey, int statusCode, string message, TimeSpan ttl)
    {
        if (ttl <= TimeSpan.Zero)
        {
            return;
        }

        _errors[cacheKey] = new Entry(statusCode, message, timeProvider.GetUtcNow() + ttl);
        if (_errors.Count > 10_000)
        {
            Sweep();
        }
    }

    /// <summary>Finds a remembered, unexpired error.</summary>
    public bool TryGet(string cacheKey, out int statusCode, out string message)
    {
        if (_errors.TryGetValue(cacheKey, out var entry))
        {
            if (entry.ExpiresAt > timeProvider.GetUtcNow())
            {
                (statusCode, message) = (entry.StatusCode, entry.Message);
                return true;
            }

            _errors.TryRemove(cacheKey, out _);
        }

        (statusCode, message) = (0, string.Empty);
        return false;
    }

    /// <summary>Forgets the error remembered for one key.</summary>
    public void ForgetKey(string cacheKey) => _errors.TryRemove(cacheKey, out _);

    /// <summary>Forgets the errors of one service, or all (<paramref name="serviceKey"/> null).</summary>
    public void Forget(string? serviceKey)
    {
        foreach (var key in _errors.Keys)
        {
            if (serviceKey is null || key.StartsWith(serviceKey + "/", StringComparison.Ordinal))
            {
                _errors.TryRemove(key, out _);
            }
        }
    }

    private void Sweep()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (key, entry) in _errors)
        {
            if (entry.ExpiresAt <= now)
            {
                _errors.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(int StatusCode, string Message, DateTimeOffset ExpiresAt);
}
