using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Portal;

/// <summary>The researchers' portal: server-rendered pages that work without JavaScript, and their assets.</summary>
public static class PortalEndpoints
{
    private static readonly Dictionary<string, string> Assets = new(StringComparer.Ordinal)
    {
        ["portal.css"] = "text/css; charset=utf-8",
        ["portal.js"] = "text/javascript; charset=utf-8",
        ["viewer.js"] = "text/javascript; charset=utf-8",
        ["mirador.min.js"] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    };

    /// <summary>Maps <c>/search</c>, <c>/search/feed</c>, <c>/objects/{key}</c> and <c>/portal/assets/{file}</c>; <c>/</c> serves HTML to browsers through <see cref="HomePage"/>.</summary>
    public static IEndpointRouteBuilder MapIiifPortal(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/search", (HttpContext c, [FromServices] IContentSearch s, [FromServices] IOptions<IndexingOptions> i) =>
            SearchPage.Render(c, s, i.Value, PortalContext.For(c)));
        endpoints.MapRead("/search/feed", (HttpContext c, [FromServices] IContentSearch s, [FromServices] IOptions<IndexingOptions> i) =>
            SearchFeed.Render(c, s, i.Value));
        endpoints.MapRead("/objects/{key}", (HttpContext c, string key, [FromServices] IContentSearch s, [FromServices] IDocumentStore store, [FromServices] IOptions<IndexingOptions> i, CancellationToken ct) =>
            ObjectPage.RenderAsync(c, key, s, store, i.Value, ct));
        endpoints.MapRead(PortalLayout.AssetsPath + "/{file}", (HttpContext c, string file) => Asset(c, file));

        // Browsers ask for /favicon.ico on every origin, JSON views included: the portal's icon answers, not a 404.
        endpoints.MapRead("/favicon.ico", (HttpContext c) => Asset(c, "favicon.svg"));
        return endpoints;
    }

    /// <summary>Our own static files, from the <c>portal</c> folder the build puts beside the assemblies.</summary>
    private static IResult Asset(HttpContext context, string file)
    {
        if (!Assets.TryGetValue(file, out var contentType))
        {
            return Results.NotFound();
        }

        var path = Path.Combine(AppContext.BaseDirectory, "portal", file);
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=86400";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(path, contentType, enableRangeProcessing: false);
    }
}
