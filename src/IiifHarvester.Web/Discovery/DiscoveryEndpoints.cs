using System.Globalization;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace IiifHarvester.Web.Discovery;

/// <summary>
/// Our own Change Discovery 1.0 stream: the store's change log rendered as activities, so other aggregators can
/// harvest us incrementally. Page <c>n</c> holds the changes with sequence in <c>(n·size, (n+1)·size]</c>, so pages
/// are stable and cacheable once full.
/// </summary>
public static class DiscoveryEndpoints
{
    /// <summary>Activities per page.</summary>
    public const int PageSize = 100;

    private const string Context = "http://iiif.io/api/discovery/1/context.json";

    /// <summary>Maps <c>/iiif/discovery/changes</c> and its pages.</summary>
    public static IEndpointRouteBuilder MapIiifDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/iiif/discovery/changes", GetCollectionAsync);
        endpoints.MapRead("/iiif/discovery/changes/page/{page:int}", GetPageAsync);
        return endpoints;
    }

    /// <summary>The stream: how many changes, and its first and last pages.</summary>
    internal static async Task<ActivityStreamJson> GetCollectionAsync([AsParameters] DiscoveryRequest request, IDocumentStore store, CancellationToken cancellationToken)
    {
        var last = await store.GetLastSequenceAsync(cancellationToken);
        var urls = request.Urls;
        var lastPage = (int)Math.Max(0, (last - 1) / PageSize);
        return Json(request, new Dictionary<string, object?>
        {
            ["@context"] = Context,
            ["id"] = urls.Discovery,
            ["type"] = "OrderedCollection",
            ["totalItems"] = last,
            ["first"] = PageRef(urls, 0),
            ["last"] = PageRef(urls, lastPage),
        });
    }

    /// <summary>Page <paramref name="page"/> of the stream, or 404 naming the pages there are.</summary>
    internal static async Task<Results<ActivityStreamJson, NotFound<DiscoveryPageNotFound>>> GetPageAsync(
        [AsParameters] DiscoveryRequest request, int page, IDocumentStore store, CancellationToken cancellationToken)
    {
        var last = await store.GetLastSequenceAsync(cancellationToken);
        var lastPage = (int)Math.Max(0, (last - 1) / PageSize);
        if (page < 0 || page > lastPage)
        {
            return TypedResults.NotFound(new DiscoveryPageNotFound($"page {page} does not exist; pages run from 0 to {lastPage}"));
        }

        var changes = (await store.GetChangesAsync((long)page * PageSize, PageSize, cancellationToken))
            .Where(c => c.Sequence <= (long)(page + 1) * PageSize)
            .ToList();
        var urls = request.Urls;
        var body = new Dictionary<string, object?>
        {
            ["@context"] = Context,
            ["id"] = urls.DiscoveryPage(page),
            ["type"] = "OrderedCollectionPage",
            ["startIndex"] = (long)page * PageSize,
            ["partOf"] = new { id = urls.Discovery, type = "OrderedCollection" },
        };
        if (page > 0)
        {
            body["prev"] = PageRef(urls, page - 1);
        }

        if (page < lastPage)
        {
            body["next"] = PageRef(urls, page + 1);
        }

        body["orderedItems"] = changes.Select(c => new Dictionary<string, object?>
        {
            ["id"] = urls.DiscoveryActivity(c.Sequence),
            ["type"] = c.Type == ChangeType.Deleted ? "Delete" : "Update",
            // §3.3: object.id is the resource as we publish it (our copy, what a harvester of this stream fetches);
            // canonical is its identity independent of where it is published: the institution's URI.
            ["object"] = new Dictionary<string, object?>
            {
                ["id"] = urls.Manifest(ResourceKey.For(c.Uri)),
                ["type"] = c.Kind == DocumentKind.Collection ? "Collection" : "Manifest",
                ["canonical"] = c.Uri,
            },
            ["endTime"] = c.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        }).ToList();
        return Json(request, body);
    }

    private static object PageRef(PublicUrls urls, int page) => new { id = urls.DiscoveryPage(page), type = "OrderedCollectionPage" };

    private static ActivityStreamJson Json(DiscoveryRequest request, Dictionary<string, object?> body) =>
        new(body, MediaTypes.JsonLdUnlessJson(request.Accept, Context));
}
