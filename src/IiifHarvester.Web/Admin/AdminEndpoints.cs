using IiifHarvester.Harvesting.Scheduling;
using IiifHarvester.Harvesting.Sources;
using IiifHarvester.Harvesting.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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

    private static async Task<IResult> GetStatusAsync(SourceCatalog catalog, HarvestStatusBoard board, HarvestTrigger trigger, CancellationToken cancellationToken)
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

        return Results.Json(new
        {
            sources,
            invalidSources = catalog.Problems.Select(p => new { key = p.SourceKey, errors = p.Errors }),
        });
    }

    private static async Task<IResult> TriggerAsync(string key, HarvestTrigger trigger, CancellationToken cancellationToken) =>
        await trigger.TriggerAsync(key, cancellationToken)
            ? Results.Accepted($"/admin/status", new { source = key, triggered = true })
            : Results.Problem($"no source '{key}' is configured", statusCode: StatusCodes.Status404NotFound);
}
