namespace IiifHarvester.Images.Warmup;

/// <summary>Fills the image cache ahead of use (the host's <c>warm --source KEY [--sizes thumbnail,tiles]</c>).</summary>
public interface IImageWarmer
{
    /// <summary>
    /// Warms every image service of a source: always its info.json, then each of <paramref name="sizes"/>:
    /// <c>thumbnail</c> (<c>full/!n,n/0/default.jpg</c>, n from <see cref="ImagesOptions.WarmThumbnailSize"/>),
    /// <c>tiles</c> (every tile the info.json lists), <c>sizes</c> (every listed size), or any Image API size
    /// parameter (e.g. <c>max</c>, <c>!400,400</c>) of the full region.
    /// </summary>
    Task<WarmResult> WarmAsync(string sourceKey, IReadOnlyCollection<string> sizes, CancellationToken cancellationToken);
}
