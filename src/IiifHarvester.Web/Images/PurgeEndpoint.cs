using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Web.Images;

/// <summary>
/// <c>POST /admin/images/purge?key=K | source=S | all=true</c> (behind the admin key): removes cached entries of one
/// image, one source, or everything.
/// </summary>
internal static class PurgeEndpoint
{
    public static async Task<Results<Ok<PurgeResult>, ProblemHttpResult>> PurgeAsync(
        [AsParameters] PurgeRequest request, [AsParameters] PurgeServices services, CancellationToken cancellationToken)
    {
        var proxy = services.Proxy;
        int removed;
        string scope;
        if (request.Key is { Length: > 0 } key)
        {
            removed = proxy.Purge(key);
            scope = "key " + key;
        }
        else if (request.Source is { Length: > 0 } source)
        {
            removed = 0;
            await foreach (var entry in services.Registry.ListBySourceAsync(source, cancellationToken))
            {
                removed += proxy.Purge(entry.Key);
            }

            scope = "source " + source;
        }
        else if (string.Equals(request.All, "true", StringComparison.OrdinalIgnoreCase))
        {
            removed = proxy.PurgeAll();
            scope = "all";
        }
        else
        {
            return TypedResults.Problem("Say what to purge: ?key=K, ?source=S or ?all=true.", statusCode: 400);
        }

        // A purge also means "ask the registry again" (a source's services may have changed).
        services.Lookups.Clear();
        var logger = services.Loggers.CreateLogger(typeof(PurgeEndpoint));
        Log.Purged(logger, removed, scope);
        return TypedResults.Ok(new PurgeResult(removed, scope));
    }
}
