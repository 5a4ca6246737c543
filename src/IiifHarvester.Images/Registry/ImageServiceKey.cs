using IiifHarvester.Iiif.Identity;

namespace IiifHarvester.Images.Registry;

/// <summary>
/// The stable short key of an image service: the same after a restart, a reindex or on another node. It is the
/// harvest's own <see cref="ResourceKey.ForImageService"/>, so the keys the index registers and the keys our image
/// URLs carry are one and the same.
/// </summary>
public static class ImageServiceKey
{
    /// <summary>
    /// Lowercase base32 (RFC 4648 alphabet, no padding) of the first 10 bytes of SHA-256 over the UTF-8 service id,
    /// with any trailing <c>/info.json</c> and <c>/</c> removed, so both published spellings share one key.
    /// </summary>
    public static string For(string serviceId) => ResourceKey.ForImageService(serviceId);

    /// <summary>The service id without a trailing <c>/info.json</c> or <c>/</c>.</summary>
    public static string Normalize(string serviceId) => ResourceKey.NormalizeImageServiceId(serviceId);
}
