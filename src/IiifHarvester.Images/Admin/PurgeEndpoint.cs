using System.Security.Cryptography;
using System.Text;
using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images.Admin;

/// <summary>
/// <c>POST /admin/images/purge?key=K | source=S | all=true</c> with <c>X-Admin-Key</c>: removes cached entries of one
/// image, one source, or everything.
/// </summary>
internal static class PurgeEndpoint
{
    public const string AdminKeyHeader = "X-Admin-Key";

    public static async Task<IResult> PurgeAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<ImagesOptions>>().Value;
        if (string.IsNullOrEmpty(options.AdminKey))
        {
            return Results.Problem("Purging is disabled: no Images:AdminKey is configured.", statusCode: 403);
        }

        var given = context.Request.Headers[AdminKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(options.AdminKey)))
        {
            return Results.Problem("A valid X-Admin-Key header is required.", statusCode: 401);
        }

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

        Log.Purged(logger, removed, scope);
        return Results.Ok(new PurgeResult(removed, scope));
    }
}
