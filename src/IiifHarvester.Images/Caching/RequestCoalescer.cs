using System.Collections.Concurrent;

namespace IiifHarvester.Images.Caching;

/// <summary>
/// Runs one piece of work per key at a time and gives every concurrent caller its result: N identical misses cause one
/// upstream fetch. The work runs on its own token (the host's), so one client hanging up does not fail the others.
/// </summary>
internal sealed class RequestCoalescer
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> unless the same key is already running, then awaits that run.</summary>
    public async Task<T> RunAsync<T>(string key, Func<CancellationToken, Task<T>> work, CancellationToken workToken, CancellationToken callerToken)
        where T : class
    {
        var lazy = _inFlight.GetOrAdd(key, k => new Lazy<Task<object>>(() => RunAndForgetAsync(k, work, workToken)));
        var result = await lazy.Value.WaitAsync(callerToken);
        return (T)result;
    }

    /// <summary>How many keys are in flight.</summary>
    public int InFlight => _inFlight.Count;

    private async Task<object> RunAndForgetAsync<T>(string key, Func<CancellationToken, Task<T>> work, CancellationToken token)
        where T : class
    {
        try
        {
            // Yield so the Lazy is published before the work can finish and remove it.
            await Task.Yield();
            return await work(token);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
