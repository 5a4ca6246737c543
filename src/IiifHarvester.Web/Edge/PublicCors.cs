using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Edge;

/// <summary>
/// The one CORS policy: every answer may be read from any origin (IIIF viewers run on other sites, and the IIIF APIs
/// ask for it), with <c>ETag</c> and <c>Link</c> exposed; a preflight for GET or HEAD is answered here for any path.
/// Nothing else is allowed cross-origin: a preflight for another method (an admin POST) gets no CORS answer, so a
/// browser on another site cannot send it.
/// </summary>
internal sealed class PublicCors(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (HttpMethods.IsOptions(request.Method))
        {
            var requested = request.Headers.AccessControlRequestMethod.ToString();
            if (requested.Length > 0 && !HttpMethods.IsGet(requested) && !HttpMethods.IsHead(requested))
            {
                return next(context);
            }

            response.Headers.AccessControlAllowOrigin = "*";
            response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            response.Headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders.Count > 0
                ? request.Headers.AccessControlRequestHeaders.ToString()
                : "*";
            response.Headers.AccessControlMaxAge = "86400";
            response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "ETag, Link";
        return next(context);
    }
}
