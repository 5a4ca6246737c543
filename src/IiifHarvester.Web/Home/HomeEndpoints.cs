using IiifHarvester.Sources;
using IiifHarvester.Storage.Cluster;
using IiifHarvester.Web.Admin;
using IiifHarvester.Indexing.Search;
using IiifHarvester.Web.Portal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
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
        endpoints.MapRead("/", (HttpContext context, HttpRequest request, SourceCatalog catalog, IContentSearch search) =>
        {
            // Browsers get the portal's home page; JSON clients (Accept: application/json, or none) this description.
            if (HomePage.Wanted(request))
            {
                return HomePage.Render(context, search, catalog);
            }

            var b = $"{request.Scheme}://{request.Host}{request.PathBase}";
            return Results.Json(new
            {
                service = "IiifHarvester",
                description = "A IIIF aggregator: harvested manifests, IIIF Content Search 1.0/2.0, Change Discovery, and an Image API proxy.",
                query = QueryHelp,
                sources = catalog.Sources.Select(s => new { key = s.Key, name = s.Name }),
                endpoints = new Dictionary<string, string>
                {
                    ["search1"] = $"{b}/iiif/search/1/{{key}}?q=",
                    ["search2"] = $"{b}/iiif/search/2/{{key}}?q=",
                    ["manifests"] = $"{b}/iiif/manifests/{{key}}",
                    ["resources"] = $"{b}/api/resources?uri=",
                    ["catalog"] = $"{b}/iiif/catalog?q=",
                    ["discovery"] = $"{b}/iiif/discovery/changes",
                    ["images"] = $"{b}/iiif/image/{{key}}/info.json",
                    ["status"] = $"{b}/admin/status",
                },
            });
        });
        // A search node lagging the cluster's change log by more than Cluster:MaxLag changes is alive but unready:
        // a load balancer sends its searches elsewhere until it has caught up.
        endpoints.MapRead("/healthz", (IServiceProvider services) => services.GetService<ILocalNode>() is { IsReady: false } node
            ? Results.Text($"catching up: {node.Lag} changes behind", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok"));

        // Liveness: the process answers. Readiness: it can also write (store and index) and does not lag; while a
        // write fails (a full disk, a read-only or locked store) it answers 503 saying which part, and reads go on.
        endpoints.MapRead("/healthz/live", () => Results.Text("ok"));
        endpoints.MapRead("/healthz/ready", (HttpContext context, [FromServices] WriteHealth health, IServiceProvider services) =>
        {
            var failing = health.Failing;
            var lagging = services.GetService<ILocalNode>() is { IsReady: false } node ? node.Lag : (long?)null;
            var detail = AdminKeyFilter.IsAdmin(context);
            var ready = failing.Count == 0 && lagging is null;
            return Results.Json(
                new
                {
                    status = ready ? "ready" : failing.Count > 0 ? "writes failing" : "catching up",
                    lag = lagging,
                    failing = failing.ToDictionary(f => f.Key, f => new { since = f.Value.Since, lastAt = f.Value.LastAt, reason = detail ? f.Value.Reason : null }),
                },
                statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }
}
