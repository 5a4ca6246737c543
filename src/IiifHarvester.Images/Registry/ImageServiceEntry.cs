namespace IiifHarvester.Images.Registry;

/// <summary>
/// An image service that a harvested document named, as the proxy may use it.
/// </summary>
/// <param name="Key">The stable short key our URLs use (see <see cref="ImageServiceKey.For(string)"/>).</param>
/// <param name="UpstreamServiceId">The image service's id as published (without <c>/info.json</c>).</param>
/// <param name="SourceKey">The configured source (institution) whose documents named the service.</param>
/// <param name="AllowedHosts">Hosts (with port when not the scheme default) that the source's configuration allows.</param>
/// <param name="AllowCachingAuthProtected">Whether images behind IIIF Auth may be cached (they are passed through otherwise).</param>
public sealed record ImageServiceEntry(
    string Key,
    string UpstreamServiceId,
    string SourceKey,
    IReadOnlySet<string> AllowedHosts,
    bool AllowCachingAuthProtected = false)
{
    /// <summary>
    /// Whether the source may reach loopback, private and link-local addresses. When false (the default) the proxy never
    /// connects to such an address for this service, however its manifest named it and wherever it redirects.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>The Image API version the manifest declared for the service (e.g. <c>2</c> or <c>3</c>), when known.</summary>
    public string? PublishedVersion { get; init; }

    /// <summary>The profile the manifest declared for the service (e.g. <c>level1</c>), when known.</summary>
    public string? PublishedProfile { get; init; }

    /// <summary>
    /// Whether <paramref name="uri"/> is an HTTP(S) URL on one of the source's hosts. The proxy asks this for every
    /// upstream URL it fetches, redirects included, so it never fetches an arbitrary address.
    /// </summary>
    public bool IsHostAllowed(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        return AllowedHosts.Contains(uri.Host) || AllowedHosts.Contains(uri.Authority);
    }
}
