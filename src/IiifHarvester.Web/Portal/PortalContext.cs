using System.Globalization;
using IiifHarvester.Images;
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
    private readonly string _imagesPrefix;

    private PortalContext(PublicUrls urls, IContentSearch search, SourceCatalog? sources, PortalOptions options, string imagesPrefix)
    {
        Urls = urls;
        _search = search;
        _sources = sources;
        Options = options;
        _imagesPrefix = imagesPrefix;
    }

    public PublicUrls Urls { get; }

    public PortalOptions Options { get; }

    /// <summary>Binds the portal context of the request (minimal-API custom binding).</summary>
    public static ValueTask<PortalContext?> BindAsync(HttpContext context) => ValueTask.FromResult<PortalContext?>(For(context));

    public static PortalContext For(HttpContext context)
    {
        var services = context.RequestServices;
        return new PortalContext(
            PublicUrls.From(context),
            services.GetRequiredService<IContentSearch>(),
            services.GetService<SourceCatalog>(),
            services.GetRequiredService<IOptions<PortalOptions>>().Value,
            services.GetRequiredService<IOptions<ImagesOptions>>().Value.RoutePrefix);
    }

    /// <summary>Our home page, as a link from one of our pages (under the base path, like every link below).</summary>
    public string HomeLink => Urls.Local("/");

    /// <summary>The search page for <paramref name="state"/>, at <paramref name="page"/>.</summary>
    public string SearchLink(PortalQuery state, int page = 1) => Urls.Local(state.Url(PortalEndpoints.SearchPath, page));

    /// <summary>The search page for words or filters given as name-value pairs (none: every object).</summary>
    public string SearchLink(params (string Name, string Value)[] pairs) =>
        Urls.Local(PortalEndpoints.SearchPath + QueryString.Create(pairs.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value))).ToUriComponent());

    /// <summary>The Atom feed of the search <paramref name="state"/>.</summary>
    public string FeedLink(PortalQuery state) => Urls.Local(state.Url(PortalEndpoints.FeedPath));

    /// <summary>An object's page, at a hit when given (<see cref="ObjectPage.Url"/>).</summary>
    public string ObjectLink(string key, string? q = null, HitAnnotation? hit = null) => Urls.Local(ObjectPage.Url(key, q, hit));

    /// <summary>One of our static files (<see cref="PortalLayout.AssetsPath"/>).</summary>
    public string AssetLink(string file) => Urls.Local(PortalLayout.AssetsPath + "/" + file);

    /// <summary>The configured name of a source, or null.</summary>
    public string? SourceName(string key) => _sources?.Find(key)?.Name;

    /// <summary>A thumbnail through our image proxy, or the published thumbnail when it is http(s); null when neither.</summary>
    public string? Thumbnail(ResourceSummary resource) =>
        resource.ThumbnailService is { } service
            ? ImageUrl(service, "full", "!192,192")
            : HarvestedValue.SafeUrl(resource.Thumbnail);

    /// <summary>A crop of the page image at a hit's region through our image proxy; null when the canvas has no image service or the hit no region.</summary>
    public string? Crop(string manifestUri, string canvasId, Iiif.Annotations.Region? region, CanvasImage? known = null)
    {
        if (region is not { IsPoint: false } r || r.Width < 1 || r.Height < 1 || canvasId.Length == 0)
        {
            return null;
        }

        var image = known ?? _search.FindCanvasImage(manifestUri, canvasId);
        return image is null ? null : ImageUrl(image.Service, CropRegion(Pad(r), image), "!480,120");
    }

    /// <summary>
    /// The Image API region of a crop: the share of the canvas (<c>pct:</c>, Image API 3.0 §4.1) when the canvas
    /// declares its size, since the image painted on it may have more or fewer pixels than the canvas has units;
    /// the canvas coordinates as pixels otherwise.
    /// </summary>
    internal static string CropRegion(Iiif.Annotations.Region region, CanvasImage image)
    {
        if (image.CanvasWidth is not > 0 || image.CanvasHeight is not > 0)
        {
            return region.ToXywh();
        }

        double width = image.CanvasWidth.Value;
        double height = image.CanvasHeight.Value;
        var x = Math.Clamp(region.X / width, 0, 1);
        var y = Math.Clamp(region.Y / height, 0, 1);
        var w = Math.Clamp(region.Width / width, 0, 1 - x);
        var h = Math.Clamp(region.Height / height, 0, 1 - y);
        return string.Create(CultureInfo.InvariantCulture, $"pct:{Percent(x)},{Percent(y)},{Percent(w)},{Percent(h)}");

        static string Percent(double share) => Math.Round(share * 100, 3).ToString("0.###", CultureInfo.InvariantCulture);
    }

    /// <summary>The content state link to our object page, a copy button, and the configured other viewers.</summary>
    public void WriteContentStateLinks(Html html, string objectKey, string encodedState)
    {
        var ours = $"{Urls.Base}{PortalEndpoints.ObjectsPath}/{objectKey}?{ContentState.Parameter}={encodedState}";
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
        $"{PublicUrls.Image(Urls.Base, _imagesPrefix, ResourceKey.ForImageService(service))}/{region}/{size}/0/default.jpg";

    // A little of the page around the words, so a crop reads as a place on the page.
    private static Iiif.Annotations.Region Pad(Iiif.Annotations.Region r)
    {
        var margin = Math.Max(4, r.Height * 0.3);
        return new Iiif.Annotations.Region(Math.Max(0, r.X - margin), Math.Max(0, r.Y - margin), r.Width + (2 * margin), r.Height + (2 * margin));
    }
}
