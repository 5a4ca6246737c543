using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images.Registry;

/// <summary>
/// Remembers found registry entries for <see cref="ImagesOptions.RegistryLookupDuration"/>, so that a cache hit does not
/// query the host's registry (a store lookup in production) for every tile. Unknown keys are never remembered: a
/// service a harvest has just named is served at once, and a key no document names always asks the registry.
/// </summary>
internal sealed class RegistryLookupCache(IImageServiceRegistry registry, IOptions<ImagesOptions> options, TimeProvider timeProvider)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Remembered> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration = options.Value.RegistryLookupDuration;

    /// <summary>The entry for a key, or <see langword="null"/> when no harvested document names it.</summary>
    public ValueTask<ImageServiceEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        if (_duration > TimeSpan.Zero && _entries.TryGetValue(key, out var remembered) && timeProvider.GetTimestamp() < remembered.Until)
        {
            return ValueTask.FromResult<ImageServiceEntry?>(remembered.Entry);
        }

        var lookup = registry.FindAsync(key, cancellationToken);
        return lookup.IsCompletedSuccessfully ? ValueTask.FromResult(Remember(key, lookup.Result)) : AwaitAsync(key, lookup);
    }

    /// <summary>Forgets everything (after a purge).</summary>
    public void Clear() => _entries.Clear();

    private async ValueTask<ImageServiceEntry?> AwaitAsync(string key, ValueTask<ImageServiceEntry?> lookup) => Remember(key, await lookup);

    private ImageServiceEntry? Remember(string key, ImageServiceEntry? entry)
    {
        if (entry is null || _duration <= TimeSpan.Zero)
        {
            _entries.TryRemove(key, out _);
            return entry;
        }

        if (_entries.Count >= MaxEntries)
        {
            // Crude but bounded: a full table starts again rather than growing without limit.
            _entries.Clear();
        }

        var until = timeProvider.GetTimestamp() + (long)(_duration.TotalSeconds * timeProvider.TimestampFrequency);
        _entries[key] = new Remembered(entry, until);
        return entry;
    }

    private sealed record Remembered(ImageServiceEntry Entry, long Until);
}
