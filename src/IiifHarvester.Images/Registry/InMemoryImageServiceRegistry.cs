using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace IiifHarvester.Images.Registry;

/// <summary>
/// An <see cref="IImageServiceRegistry"/> held in memory: for tests and benchmarks (the host registers the store-backed one).
/// </summary>
public sealed class InMemoryImageServiceRegistry : IImageServiceRegistry
{
    private readonly ConcurrentDictionary<string, ImageServiceEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Adds or replaces an entry.</summary>
    public ImageServiceEntry Register(ImageServiceEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _entries[entry.Key] = entry;
        return entry;
    }

    /// <summary>
    /// Registers a service id found in a harvested document of <paramref name="sourceKey"/>, allowing only the hosts given
    /// (the source's configured hosts), on private addresses only with <paramref name="allowPrivateNetworks"/>.
    /// Returns the entry, keyed by <see cref="ImageServiceKey.For(string)"/>.
    /// </summary>
    public ImageServiceEntry Register(string serviceId, string sourceKey, IEnumerable<string> allowedHosts, bool allowCachingAuthProtected = false, bool allowPrivateNetworks = false)
    {
        var id = ImageServiceKey.Normalize(serviceId);
        var hosts = new HashSet<string>(allowedHosts, StringComparer.OrdinalIgnoreCase);
        return Register(new ImageServiceEntry(ImageServiceKey.For(id), id, sourceKey, hosts, allowCachingAuthProtected) { AllowPrivateNetworks = allowPrivateNetworks });
    }

    /// <inheritdoc />
    public ValueTask<ImageServiceEntry?> FindAsync(string key, CancellationToken cancellationToken)
        => ValueTask.FromResult(_entries.TryGetValue(key, out var entry) ? entry : null);

    /// <inheritdoc />
    public async IAsyncEnumerable<ImageServiceEntry> ListBySourceAsync(string sourceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var entry in _entries.Values.Where(e => e.SourceKey == sourceKey).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }
}
