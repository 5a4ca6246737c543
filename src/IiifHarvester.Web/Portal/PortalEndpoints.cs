using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Portal;

/// <summary>The researchers' portal: server-rendered pages that work without JavaScript, and their assets.</summary>
public static class PortalEndpoints
{
    /// <summary>The search page.</summary>
    internal const string SearchPath = "/search";

    /// <summary>The search page's Atom feed.</summary>
    internal const string FeedPath = "/search/feed";

    /// <summary>The object pages, <c>/objects/{key}</c>.</summary>
    internal const string ObjectsPath = "/objects";

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
        endpoints.MapRead(SearchPath, GetSearch);
        endpoints.MapRead(FeedPath, GetFeed);
        endpoints.MapRead(ObjectsPath + "/{key}", GetObjectAsync);
        endpoints.MapRead(PortalLayout.AssetsPath + "/{file}", GetAsset);

        // Browsers ask for /favicon.ico on every origin, JSON views included: the portal's icon answers, not a 404.
        endpoints.MapRead("/favicon.ico", () => GetAsset("favicon.svg"));
        return endpoints;
    }

    /// <summary>The search page.</summary>
    internal static HtmlPage GetSearch([AsParameters] PortalRequest request, [FromServices] IContentSearch search, [FromServices] IOptions<IndexingOptions> indexing) =>
        SearchPage.Render(request, search, indexing.Value);

    /// <summary>The search page's Atom feed, or 400 for words that cannot be searched.</summary>
    internal static Results<ContentHttpResult, ProblemHttpResult> GetFeed([AsParameters] PortalRequest request, [FromServices] IContentSearch search, [FromServices] IOptions<IndexingOptions> indexing) =>
        SearchFeed.Render(request, search, indexing.Value);

    /// <summary>An object's page (404 as a page too).</summary>
    internal static Task<HtmlPage> GetObjectAsync(
        [AsParameters] PortalRequest request,
        string key,
        [FromServices] IContentSearch search,
        [FromServices] IDocumentStore store,
        [FromServices] IOptions<IndexingOptions> indexing,
        CancellationToken cancellationToken) =>
        ObjectPage.RenderAsync(request, key, search, store, indexing.Value, cancellationToken);

    /// <summary>Our own static files, from the <c>portal</c> folder the build puts beside the assemblies.</summary>
    internal static Results<PortalAsset, NotFound> GetAsset(string file)
    {
        if (!Assets.TryGetValue(file, out var contentType))
        {
            return TypedResults.NotFound();
        }

        var path = Path.Combine(AppContext.BaseDirectory, "portal", file);
        return File.Exists(path) ? new PortalAsset(path, contentType) : TypedResults.NotFound();
    }
}
