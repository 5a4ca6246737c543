namespace IiifHarvester.Images.Registry;

/// <summary>
/// The image services the proxy knows: only those that harvested documents named, on hosts of configured sources.
/// The harvest pipeline registers them; the proxy looks them up by key.
/// </summary>
public interface IImageServiceRegistry
{
    /// <summary>Finds the service with the given key, or <see langword="null"/> when no harvested document named it.</summary>
    ValueTask<ImageServiceEntry?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>Lists the services that one source's documents named (for warm-up and purge).</summary>
    IAsyncEnumerable<ImageServiceEntry> ListBySourceAsync(string sourceKey, CancellationToken cancellationToken);
}
