using System.Globalization;
using Microsoft.AspNetCore.Http;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web;

/// <summary>
/// Our absolute URLs: the one builder of every id we serve, from <see cref="WebOptions.PublicBaseUrl"/> or else the
/// request's scheme, host and path base as the forwarded-headers middleware left them.
/// </summary>
/// <remarks>
/// Two kinds of URL come from here. Ids of what we serve (manifests, search services, images, the catalog, the
/// Discovery stream) and anything that leaves the page (feeds, content states) are absolute, under <see cref="Base"/>.
/// Links between our own pages and to their assets are path-absolute under <see cref="BasePath"/> (<see cref="Local"/>),
/// so a page never sends the browser to another origin than the one it came from (the portal's scripts are allowed
/// from <c>'self'</c> only) and still finds its way behind a proxy that mounts us under a path.
/// </remarks>
public sealed class PublicUrls
{
    /// <summary>The key of the aggregate-wide search services: <c>/iiif/search/{1|2}/all</c>.</summary>
    public const string AllKey = "all";

    private string? _basePath;

    private PublicUrls(string baseUrl)
    {
        Base = baseUrl;
    }

    /// <summary>Scheme, host and path base, without a trailing slash.</summary>
    public string Base { get; }

    private const string AnnotationsPath = "/iiif/annotations/";

    /// <summary>The path of <see cref="Base"/> (<c>/harvester</c>, escaped), empty when we are at the root of the host.</summary>
    public string BasePath => _basePath ??= Uri.TryCreate(Base, UriKind.Absolute, out var uri) ? uri.AbsolutePath.TrimEnd('/') : string.Empty;

    /// <summary>The URLs under <paramref name="baseUrl"/> (scheme, host and path base).</summary>
    public static PublicUrls For(string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return new PublicUrls(baseUrl.TrimEnd('/'));
    }

    /// <summary>Binds the URLs of the request as an endpoint parameter (minimal-API custom binding).</summary>
    public static ValueTask<PublicUrls?> BindAsync(HttpContext context) => ValueTask.FromResult<PublicUrls?>(From(context));

    /// <summary>The URLs for <paramref name="context"/>.</summary>
    public static PublicUrls From(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PublicUrls(BaseOf(context, context.RequestServices.GetService<IOptions<WebOptions>>()?.Value));
    }

    /// <summary>
    /// <see cref="Base"/> for <paramref name="context"/> under <paramref name="options"/> (resolved once by the
    /// caller), without the request's services: for handlers on a hot path.
    /// </summary>
    public static string BaseOf(HttpContext context, WebOptions? options)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrWhiteSpace(options?.PublicBaseUrl))
        {
            return options.PublicBaseUrl.TrimEnd('/');
        }

        var request = context.Request;
        return string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent()).TrimEnd('/');
    }

    /// <summary>
    /// <paramref name="path"/> (one of our routes, starting with <c>/</c>, with its query if any) under
    /// <see cref="BasePath"/>: a link from one of our pages to another, or to an asset.
    /// </summary>
    public string Local(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return BasePath + path;
    }

    /// <summary>A Content Search service (1 or 2) of a resource key or <see cref="AllKey"/>.</summary>
    public string Search(int version, string key) => $"{Base}/iiif/search/{version}/{key}";

    /// <summary>The autocomplete service (1 or 2) nested in <see cref="Search"/>.</summary>
    public string Autocomplete(int version, string key) => Search(version, key) + "/autocomplete";

    /// <summary>A re-served manifest or collection.</summary>
    public string Manifest(string key) => $"{Base}/iiif/manifests/{key}";

    /// <summary>An annotation id derived under our base URL for annotations published without one.</summary>
    public string Annotation(string manifestKey, string localId) =>
        string.Create(AnnotationLength(manifestKey, localId), (Urls: this, manifestKey, localId), static (span, id) => id.Urls.FormatAnnotation(span, id.manifestKey, id.localId));

    /// <summary>How many characters <see cref="Annotation"/> has.</summary>
    public int AnnotationLength(string manifestKey, string localId) =>
        Base.Length + AnnotationsPath.Length + manifestKey.Length + 1 + localId.Length;

    /// <summary>
    /// Writes <see cref="Annotation"/> into the first <see cref="AnnotationLength"/> characters of
    /// <paramref name="destination"/> (search answers write hundreds of these ids and need no string of each).
    /// </summary>
    public void FormatAnnotation(Span<char> destination, string manifestKey, string localId)
    {
        ArgumentNullException.ThrowIfNull(manifestKey);
        ArgumentNullException.ThrowIfNull(localId);
        Base.CopyTo(destination);
        var at = Base.Length;
        AnnotationsPath.CopyTo(destination[at..]);
        at += AnnotationsPath.Length;
        manifestKey.CopyTo(destination[at..]);
        at += manifestKey.Length;
        destination[at++] = '/';
        localId.CopyTo(destination[at..]);
    }

    /// <summary>
    /// An image service of the proxy under <paramref name="baseUrl"/> (a <see cref="Base"/>) and its route prefix
    /// (<c>/iiif/image</c> by default, with the version segment, if any).
    /// </summary>
    public static string Image(string baseUrl, string routePrefix, string key) => string.Concat(baseUrl, routePrefix, "/", key);

    /// <summary>The union catalog.</summary>
    public string Catalog => $"{Base}/iiif/catalog";

    /// <summary>Our Change Discovery stream (the OrderedCollection).</summary>
    public string Discovery => $"{Base}/iiif/discovery/changes";

    /// <summary>Page <paramref name="page"/> of <see cref="Discovery"/> (an OrderedCollectionPage).</summary>
    public string DiscoveryPage(int page) => string.Create(CultureInfo.InvariantCulture, $"{Discovery}/page/{page}");

    /// <summary>The activity of the change numbered <paramref name="sequence"/> in the change log.</summary>
    public string DiscoveryActivity(long sequence) => string.Create(CultureInfo.InvariantCulture, $"{Base}/iiif/discovery/activities/{sequence}");
}
