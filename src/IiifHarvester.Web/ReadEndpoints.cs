using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IiifHarvester.Web;

/// <summary>Maps read endpoints for GET and HEAD alike.</summary>
internal static class ReadEndpoints
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// Maps <paramref name="handler"/> for GET and HEAD. Link checkers, caches and harvesters (ours included) ask with
    /// HEAD whether a resource is there and what it is; a 405 tells them it is not. Kestrel sends a HEAD answer's
    /// headers (Content-Type, ETag, CORS, Content-Length when known) and drops its body.
    /// </summary>
    public static RouteHandlerBuilder MapRead(this IEndpointRouteBuilder endpoints, string pattern, Delegate handler) =>
        endpoints.MapMethods(pattern, Methods, handler);
}
