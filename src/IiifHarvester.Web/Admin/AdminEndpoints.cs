using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using IiifHarvester.Storage.Cluster;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IiifHarvester.Web.Admin;

/// <summary>
/// Admin endpoints: harvest status (public: names, counts and times; with the admin key: errors, URLs and the failing
/// documents) and triggering a source now (key-protected).
/// </summary>
public static class AdminEndpoints
{

    /// <summary>Maps <c>GET /admin/status</c> and <c>POST /admin/sources/{key}/harvest</c>.</summary>
    public static IEndpointRouteBuilder MapIiifAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin");
        group.MapRead("/status", GetStatusAsync);
        group.MapPost("/sources/{key}/harvest", TriggerAsync).AddEndpointFilter<AdminKeyFilter>();
        return endpoints;
    }

    private static async Task<IResult> GetStatusAsync(
        HttpContext context, SourceCatalog catalog, IHarvestStatus board, IHarvestTrigger trigger, IDocumentStore store, IServiceProvider services, CancellationToken cancellationToken)
    {
        // The public view says what runs and how it went in names, counts and times; the upstream URLs, error texts
        // and failing documents (internal hosts, paths, messages) are for whoever holds the admin key.
        var detail = AdminKeyFilter.IsAdmin(context);
        var sources = new List<object>();
        foreach (var source in catalog.Sources)
        {
            var last = board.LastRun(source.Key);
            var running = board.Running(source.Key);
            var refused = board.LastRefused(source.Key);
            var failures = await store.GetFailuresAsync(source.Key, cancellationToken);
            sources.Add(new
            {
                key = source.Key,
                name = source.Name,
                schedule = source.Schedule,
                nextFireTime = await trigger.NextFireTimeAsync(source.Key, cancellationToken),
                running = running is null ? null : new { startedAt = running.Value.StartedAt, counts = running.Value.Counts },
                lastRun = last is null ? null : new
                {
                    startedAt = last.StartedAt,
                    finishedAt = last.FinishedAt,
                    failed = last.SourceFailed,
                    counts = last.Counts,
                    errorCount = last.Errors.Count,
                    errors = detail ? last.Errors : null,
                },
                lastRefused = refused is null ? null : new { at = refused.StartedAt, reason = detail ? refused.Refused : null },
                failingDocuments = failures.Count,
                failures = detail
                    ? failures.Select(f => new { uri = f.Uri, reason = f.Reason, attempts = f.Attempts, firstFailedAt = f.FirstFailedAt, lastFailedAt = f.LastFailedAt, nextAttemptAt = f.NextAttemptAt })
                    : null,
            });
        }

        // Every node sharing the store, as each last recorded itself (role, index lag), this one included: a status
        // request only reads, so it answers while the store cannot be written. A host without harvesting (tests of
        // the endpoints alone) has no node to report. Node names are host names: the public view shows roles, lag
        // and times only.
        object? self = null;
        object nodes = Array.Empty<object>();
        if (services.GetService<ILocalNode>() is { } node)
        {
            nodes = (await node.ListNodesAsync(cancellationToken)).Select(n => new
            {
                name = detail ? n.Name : null,
                role = n.Role,
                self = n.Name == node.NodeName,
                startedAt = n.StartedAt,
                seenAt = n.SeenAt,
                indexedSequence = n.IndexedSequence,
                lastSequence = n.LastSequence,
                lag = n.Lag,
            }).ToList();
            self = new { name = detail ? node.NodeName : null, role = node.Role, lag = node.Lag, ready = node.IsReady };
        }

        return Results.Json(
            new
            {
                view = detail ? "admin" : "public",
                node = self,
                nodes,
                sources,
                invalidSources = catalog.Problems.Select(p => new { key = p.SourceKey, errors = detail ? p.Errors : null }),
            });
    }

    private static async Task<IResult> TriggerAsync(string key, IHarvestTrigger trigger, IHarvestStatus board, CancellationToken cancellationToken)
    {
        if (board.Running(key) is { } running)
        {
            return Results.Problem($"a harvest of '{key}' is already running (since {running.StartedAt:O}); not started again", statusCode: StatusCodes.Status409Conflict);
        }

        // A run held by another process or node is refused by the job itself (its lease), and shown in /admin/status.
        return await trigger.TriggerAsync(key, cancellationToken)
            ? Results.Accepted($"/admin/status", new { source = key, triggered = true })
            : Results.Problem($"no source '{key}' is configured", statusCode: StatusCodes.Status404NotFound);
    }
}
