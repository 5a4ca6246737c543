using IiifHarvester.Harvesting.Cluster;
using IiifHarvester.Harvesting.Scheduling;
using IiifHarvester.Harvesting.Sources;
using IiifHarvester.Harvesting.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IiifHarvester.Web.Admin;

/// <summary>Admin endpoints: harvest status (read-only, public) and triggering a source now (key-protected).</summary>
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
        SourceCatalog catalog, HarvestStatusBoard board, HarvestTrigger trigger, IServiceProvider services, CancellationToken cancellationToken)
    {
        var sources = new List<object>();
        foreach (var source in catalog.Sources)
        {
            var last = board.LastRun(source.Key);
            var running = board.Running(source.Key);
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
                    errors = last.Errors,
                },
            });
        }

        // Every node sharing the store, as each last recorded itself (role, index lag); this node's own lag is
        // looked at now. A host without harvesting (tests of the endpoints alone) has no node to report.
        object? self = null;
        object nodes = Array.Empty<object>();
        if (services.GetService<NodeHeartbeatService>() is { } node)
        {
            await node.BeatAsync(cancellationToken);
            nodes = (await node.ListNodesAsync(cancellationToken)).Select(n => new
            {
                name = n.Name,
                role = n.Role,
                self = n.Name == node.NodeName,
                startedAt = n.StartedAt,
                seenAt = n.SeenAt,
                indexedSequence = n.IndexedSequence,
                lastSequence = n.LastSequence,
                lag = n.Lag,
            }).ToList();
            self = new { name = node.NodeName, role = node.Role.ToString(), lag = node.Lag, ready = node.IsReady };
        }

        return Results.Json(new
        {
            node = self,
            nodes,
            sources,
            invalidSources = catalog.Problems.Select(p => new { key = p.SourceKey, errors = p.Errors }),
        });
    }

    private static async Task<IResult> TriggerAsync(string key, HarvestTrigger trigger, CancellationToken cancellationToken) =>
        await trigger.TriggerAsync(key, cancellationToken)
            ? Results.Accepted($"/admin/status", new { source = key, triggered = true })
            : Results.Problem($"no source '{key}' is configured", statusCode: StatusCodes.Status404NotFound);
}
