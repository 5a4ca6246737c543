namespace IiifHarvester.Storage.Images;

/// <summary>The image services harvested documents named: the only ones the image proxy may fetch.</summary>
public interface IImageServiceCatalog
{
    /// <summary>Registers services named by a manifest (existing keys are kept).</summary>
    Task RegisterAsync(IReadOnlyCollection<ImageServiceRecord> services, CancellationToken cancellationToken);

    /// <summary>The service with key <paramref name="key"/>, or null.</summary>
    Task<ImageServiceRecord?> FindAsync(string key, CancellationToken cancellationToken);

    /// <summary>The services of a source.</summary>
    IAsyncEnumerable<ImageServiceRecord> ListAsync(string sourceKey, CancellationToken cancellationToken);
}
