using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IiifHarvester.Web.Search;

/// <summary>
/// CORS for the public read-only IIIF endpoints: any origin may read them (viewers run on other sites), as the
/// IIIF APIs recommend. Set per answer so the endpoints need no CORS middleware in the host.
/// </summary>
public static class Cors
{
    /// <summary>Adds the CORS headers of a public read-only answer.</summary>
    public static void Apply(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "ETag";
    }

    /// <summary>Answers CORS preflight requests under <paramref name="pattern"/>.</summary>
    public static void MapPreflight(IEndpointRouteBuilder endpoints, string pattern)
    {
        endpoints.MapMethods(pattern, [HttpMethods.Options], (HttpContext context) =>
        {
            var response = context.Response;
            Apply(response);
            response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            response.Headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.Count > 0
                ? context.Request.Headers.AccessControlRequestHeaders.ToString()
                : "*";
            response.Headers.AccessControlMaxAge = "86400";
            return Results.NoContent();
        }).ExcludeFromDescription();
    }
}
