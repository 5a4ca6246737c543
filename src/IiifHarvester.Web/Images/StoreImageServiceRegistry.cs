using System.Runtime.CompilerServices;
using IiifHarvester.Sources;
using IiifHarvester.Images.Registry;
using IiifHarvester.Storage.Images;

namespace IiifHarvester.Web.Images;

/// <summary>
/// The image proxy's registry backed by the store: a key resolves only to an image service that a harvested
/// manifest named (the index feeder registers them), of a source that is still configured. The hosts it may fetch
/// from are the source's own hosts and the host of the service as the institution published it.
/// </summary>
internal sealed class StoreImageServiceRegistry : IImageServiceRegistry
{
    private readonly IImageServiceCatalog _catalog;
    private readonly SourceCatalog _sources;

    public StoreImageServiceRegistry(IImageServiceCatalog catalog, SourceCatalog sources)
    {
        _catalog = catalog;
        _sources = sources;
    }

    public async ValueTask<ImageServiceEntry?> FindAsync(string key, CancellationToken cancellationToken)
    {
        var record = await _catalog.FindAsync(key, cancellationToken);
        return record is null ? null : ToEntry(record);
    }

    public async IAsyncEnumerable<ImageServiceEntry> ListBySourceAsync(string sourceKey, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in _catalog.ListAsync(sourceKey, cancellationToken))
        {
            if (ToEntry(record) is { } entry)
            {
                yield return entry;
            }
        }
    }

    private ImageServiceEntry? ToEntry(ImageServiceRecord record)
    {
        var source = _sources.Find(record.SourceKey);
        if (source is null || !Uri.TryCreate(record.ServiceId, UriKind.Absolute, out var service))
        {
            return null;
        }

        var hosts = new HashSet<string>(source.Hosts, StringComparer.OrdinalIgnoreCase) { service.Host, service.Authority };
        return new ImageServiceEntry(record.Key, record.ServiceId, record.SourceKey, hosts, source.CacheAuthImages)
        {
            PublishedProfile = record.Profile,
            AllowPrivateNetworks = source.AllowPrivateNetworks,
        };
    }
}
