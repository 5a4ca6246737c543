using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Web.Images;

/// <summary>
/// <c>POST /admin/images/purge?key=K | source=S | all=true</c> (behind the admin key): removes cached entries of one
/// image, one source, or everything.
/// </summary>
internal static class PurgeEndpoint
{
    public static async Task<IResult> PurgeAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var proxy = services.GetRequiredService<ImageProxy>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PurgeEndpoint));
        var query = context.Request.Query;
        int removed;
        string scope;
        if (query["key"].ToString() is { Length: > 0 } key)
        {
            removed = proxy.Purge(key);
            scope = "key " + key;
        }
        else if (query["source"].ToString() is { Length: > 0 } source)
        {
            removed = 0;
            var registry = services.GetRequiredService<IImageServiceRegistry>();
            await foreach (var entry in registry.ListBySourceAsync(source, context.RequestAborted))
            {
                removed += proxy.Purge(entry.Key);
            }

            scope = "source " + source;
        }
        else if (string.Equals(query["all"].ToString(), "true", StringComparison.OrdinalIgnoreCase))
        {
            removed = proxy.PurgeAll();
            scope = "all";
        }
        else
        {
            return Results.Problem("Say what to purge: ?key=K, ?source=S or ?all=true.", statusCode: 400);
        }

        // A purge also means "ask the registry again" (a source's services may have changed).
        services.GetRequiredService<RegistryLookupCache>().Clear();
        Log.Purged(logger, removed, scope);
        return Results.Ok(new PurgeResult(removed, scope));
    }
}
