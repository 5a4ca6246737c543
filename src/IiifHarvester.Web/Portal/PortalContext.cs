using IiifHarvester.Sources;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Indexing.Search;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Portal;

/// <summary>What every portal page of one request shares: our URLs, source names, image links, viewer links.</summary>
internal sealed class PortalContext
{
    private readonly IContentSearch _search;
    private readonly SourceCatalog? _sources;

    private PortalContext(PublicUrls urls, IContentSearch search, SourceCatalog? sources, PortalOptions options)
    {
        Urls = urls;
        _search = search;
        _sources = sources;
        Options = options;
    }

    public PublicUrls Urls { get; }

    public PortalOptions Options { get; }

    public static PortalContext For(HttpContext context)
    {
        var services = context.RequestServices;
        return new PortalContext(
            PublicUrls.From(context),
            services.GetRequiredService<IContentSearch>(),
            services.GetService<SourceCatalog>(),
            services.GetRequiredService<IOptions<PortalOptions>>().Value);
    }

    /// <summary>The configured name of a source, or null.</summary>
    public string? SourceName(string key) => _sources?.Find(key)?.Name;

    /// <summary>A thumbnail through our image proxy, or the published thumbnail when it is http(s); null when neither.</summary>
    public string? Thumbnail(ResourceSummary resource) =>
        resource.ThumbnailService is { } service
            ? ImageUrl(service, "full", "!192,192")
            : HarvestedValue.SafeUrl(resource.Thumbnail);

    /// <summary>A crop of the page image at a hit's region through our image proxy; null when the canvas has no image service or the hit no region.</summary>
    public string? Crop(string manifestUri, string canvasId, Iiif.Annotations.Region? region, string? knownService = null)
    {
        if (region is not { IsPoint: false } r || r.Width < 1 || r.Height < 1 || canvasId.Length == 0)
        {
            return null;
        }

        var service = knownService ?? _search.FindImageService(manifestUri, canvasId);
        return service is null ? null : ImageUrl(service, Pad(r).ToXywh(), "!480,120");
    }

    /// <summary>The content state link to our object page, a copy button, and the configured other viewers.</summary>
    public void WriteContentStateLinks(Html html, string objectKey, string encodedState)
    {
        var ours = $"{Urls.Base}/objects/{objectKey}?{ContentState.Parameter}={encodedState}";
        html.Raw("<span class=\"iiif-links\">")
            .Link(ours, "IIIF link", ("class", "iiif"), ("title", "IIIF Content State: open this place in any IIIF viewer"))
            .Open("button", ("type", "button"), ("class", "copy"), ("data-copy", ours), ("hidden", "hidden")).Text("Copy link").Close("button");
        foreach (var viewer in Options.ViewerLinks)
        {
            html.Text(" ").Link(viewer.Expand(encodedState, Urls.Manifest(objectKey)), viewer.Name, ("class", "viewer"), ("rel", "noopener"));
        }

        html.Raw("</span>");
    }

    private string ImageUrl(string service, string region, string size) =>
        $"{Urls.Base}/iiif/image/{ResourceKey.ForImageService(service)}/{region}/{size}/0/default.jpg";

    // A little of the page around the words, so a crop reads as a place on the page.
    private static Iiif.Annotations.Region Pad(Iiif.Annotations.Region r)
    {
        var margin = Math.Max(4, r.Height * 0.3);
        return new Iiif.Annotations.Region(Math.Max(0, r.X - margin), Math.Max(0, r.Y - margin), r.Width + (2 * margin), r.Height + (2 * margin));
    }
}
