using IiifHarvester.Images;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Cluster;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Admin;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Portal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Web.Home;

/// <summary>The root: what this service is and where its endpoints are, and a health probe.</summary>
public static class HomeEndpoints
{
    /// <summary>What a search query (<c>q</c>) matches, as README.md says it.</summary>
    public const string QueryHelp =
        "q holds words and \"quoted phrases\"; a canvas's text must hold every one. Unquoted words match as the phrase " +
        "first: hits with the words next to each other in the query's order are listed first, then each word where it " +
        "stands alone. Words match case- and accent-folded and stemmed (birds finds bird in English text); a quoted " +
        "phrase matches only its words, in order, unstemmed. Query syntax (* ~ : and the like) is ignored.";

    /// <summary>
    /// Maps <c>/</c>; <c>/healthz/live</c> (liveness: the process answers); <c>/healthz/ready</c> (readiness: writes
    /// work and the node does not lag the change log); and <c>/healthz</c> (503 while a search node lags the change log).
    /// </summary>
    public static IEndpointRouteBuilder MapIiifHome(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapRead("/", GetRootAsync);
        endpoints.MapRead("/healthz", GetHealth);
        endpoints.MapRead("/healthz/live", () => TypedResults.Text("ok"));
        endpoints.MapRead("/healthz/ready", GetReadiness);
        return endpoints;
    }

    /// <summary>Browsers get the portal's home page; JSON clients (Accept: application/json, or none) this service's description.</summary>
    internal static async Task<Results<HtmlPage, JsonHttpResult<object>>> GetRootAsync(
        [AsParameters] HomeRequest request, [FromServices] SourceCatalog catalog, [FromServices] IContentSearch search,
        [FromServices] IDocumentStore store, [FromServices] IOptions<ImagesOptions> images, CancellationToken cancellationToken)
    {
        if (HomePage.Wanted(request.Context.Request))
        {
            var harvests = new Dictionary<string, LastHarvest>(StringComparer.Ordinal);
            foreach (var source in catalog.Sources)
            {
                if (await LastHarvest.ReadAsync(store, source.Key, cancellationToken) is { } last)
                {
                    harvests[source.Key] = last;
                }
            }

            return HomePage.Render(request.Context, search, catalog, harvests);
        }

        const string Key = "{key}";
        var urls = request.Urls;
        return TypedResults.Json<object>(new
        {
            service = "IiifHarvester",
            description = "A IIIF aggregator: harvested manifests, IIIF Content Search 1.0/2.0, Change Discovery, and an Image API proxy.",
            query = QueryHelp,
            sources = catalog.Sources.Select(s => new { key = s.Key, name = s.Name }),
            endpoints = new Dictionary<string, string>
            {
                ["search1"] = urls.Search(1, Key) + "?q=",
                ["search2"] = urls.Search(2, Key) + "?q=",
                ["manifests"] = urls.Manifest(Key),
                ["resources"] = urls.Base + "/api/resources?uri=",
                ["catalog"] = urls.Catalog + "?q=",
                ["discovery"] = urls.Discovery,
                ["images"] = PublicUrls.Image(urls.Base, images.Value.RoutePrefix, Key) + "/info.json",
                ["status"] = urls.Base + "/admin/status",
            },
        });
    }

    /// <summary>
    /// <c>ok</c>, or 503 while this search node lags the cluster's change log by more than Cluster:MaxLag changes: it
    /// is alive but unready, and a load balancer sends its searches elsewhere until it has caught up.
    /// </summary>
    internal static ContentHttpResult GetHealth([FromServices] ILocalNode? node) => node is { IsReady: false }
        ? TypedResults.Text($"catching up: {node.Lag} changes behind", statusCode: StatusCodes.Status503ServiceUnavailable)
        : TypedResults.Text("ok");

    /// <summary>
    /// Readiness: this node can write (store and index) and does not lag; while a write fails (a full disk, a
    /// read-only or locked store) it answers 503 saying which part (why, with the admin key), and reads go on.
    /// </summary>
    internal static JsonHttpResult<Readiness> GetReadiness(
        [FromHeader(Name = AdminKeyFilter.Header)] string? adminKey,
        [FromServices] WriteHealth health,
        [FromServices] IOptions<WebOptions> web,
        [FromServices] ILocalNode? node)
    {
        var failing = health.Failing;
        var lagging = node is { IsReady: false } ? node.Lag : (long?)null;
        var detail = AdminKeyFilter.IsAdmin(adminKey, web.Value);
        var ready = failing.Count == 0 && lagging is null;
        return TypedResults.Json(
            new Readiness(
                ready ? "ready" : failing.Count > 0 ? "writes failing" : "catching up",
                lagging,
                failing.ToDictionary(f => f.Key, f => new ReadinessFailure(f.Value.Since, f.Value.LastAt, detail ? f.Value.Reason : null))),
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
