namespace IiifHarvester.Web;

/// <summary>Settings of the HTTP surface as a whole, bound from the <c>Web</c> configuration section.</summary>
public sealed class WebOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Web";

    /// <summary>
    /// The public base URL every id we serve is built from (<c>https://iiif.example.org/aggregator</c>). When unset,
    /// ids are built from each request's scheme, host and path base as the forwarded-headers middleware leaves them
    /// (<c>X-Forwarded-Proto/Host/Prefix</c> and RFC 7239 <c>Forwarded</c>, from the proxies in
    /// <c>ForwardedHeaders:KnownProxies</c> and loopback). <c>Web:Search:PublicBaseUrl</c> and
    /// <c>Images:PublicBaseUrl</c> are read as deprecated aliases. A path in it (or in <c>X-Forwarded-Prefix</c>) is
    /// the path the portal's own links are under; the proxy in front strips it before it passes a request on.
    /// </summary>
    /// <value>Default: null (from the request).</value>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The key every admin endpoint that changes anything requires in <c>X-Admin-Key</c>; they are off when it is
    /// empty. <c>Harvesting:AdminKey</c> and <c>Images:AdminKey</c> are read as deprecated aliases.
    /// </summary>
    /// <value>Default: null (admin endpoints off).</value>
    public string? AdminKey { get; set; }
}
