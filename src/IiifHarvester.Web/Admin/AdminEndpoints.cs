using IiifHarvester.Sources.Status;
using IiifHarvester.Storage.Documents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

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

    /// <summary>
    /// The harvest status of every source and node. The public view says what runs and how it went in names, counts
    /// and times; the upstream URLs, error texts and failing documents (internal hosts, paths, messages) are for
    /// whoever holds the admin key.
    /// </summary>
    internal static async Task<JsonHttpResult<object>> GetStatusAsync(
        [FromHeader(Name = AdminKeyFilter.Header)] string? adminKey, [AsParameters] AdminServices services, CancellationToken cancellationToken)
    {
        var (catalog, board, trigger, store) = (services.Catalog, services.Board, services.Trigger, services.Store);
        var detail = AdminKeyFilter.IsAdmin(adminKey, services.Web.Value);
        var sources = new List<object>();
        foreach (var source in catalog.Sources)
        {
            var last = board.LastRun(source.Key);
            var running = board.Running(source.Key);
            var refused = board.LastRefused(source.Key);
            var failures = await store.GetFailuresAsync(source.Key, cancellationToken);
            var harvest = await LastHarvest.ReadAsync(store, source.Key, cancellationToken);
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
                lastHarvested = harvest?.HarvestedAt,
                lastAttempt = harvest is null ? null : new { startedAt = harvest.StartedAt, finishedAt = harvest.FinishedAt, failed = harvest.Failed },
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
        if (services.Node is { } node)
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

        return TypedResults.Json<object>(
            new
            {
                view = detail ? "admin" : "public",
                node = self,
                nodes,
                sources,
                invalidSources = catalog.Problems.Select(p => new { key = p.SourceKey, errors = detail ? p.Errors : null }),
            });
    }

    /// <summary>Starts a harvest of source <paramref name="key"/> now: 202, or 409 while one runs here, or 404 for an unknown source.</summary>
    internal static async Task<Results<Accepted<HarvestTriggered>, ProblemHttpResult>> TriggerAsync(
        string key, [FromServices] IHarvestTrigger trigger, [FromServices] IHarvestStatus board, CancellationToken cancellationToken)
    {
        if (board.Running(key) is { } running)
        {
            return TypedResults.Problem($"a harvest of '{key}' is already running (since {running.StartedAt:O}); not started again", statusCode: StatusCodes.Status409Conflict);
        }

        // A run held by another process or node is refused by the job itself (its lease), and shown in /admin/status.
        return await trigger.TriggerAsync(key, cancellationToken)
            ? TypedResults.Accepted("/admin/status", new HarvestTriggered(key, Triggered: true))
            : TypedResults.Problem($"no source '{key}' is configured", statusCode: StatusCodes.Status404NotFound);
    }
}
