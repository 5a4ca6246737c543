using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// A portal page: UTF-8 HTML with a Content-Security-Policy that lets only our own scripts run (no inline script,
/// no other origin), images from us and from institutions over HTTPS, and nothing framed.
/// </summary>
internal sealed class HtmlPage : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    /// <summary>
    /// Scripts and styles from our origin only. Mirador sets element styles, hence <c>'unsafe-inline'</c> for styles
    /// (never for scripts); it fetches manifests, info.json and tiles, hence <c>connect-src</c> and <c>img-src</c>, and
    /// plays institutions' audio and video with their caption tracks, hence <c>media-src</c>.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; media-src 'self' blob: https:; " +
        "connect-src 'self' https:; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private readonly Html _html;

    public HtmlPage(Html html, int statusCode = StatusCodes.Status200OK)
    {
        _html = html;
        StatusCode = statusCode;
    }

    public int StatusCode { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), ["text/html"]));
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.Vary = "Accept, Accept-Language";
        if (HttpMethods.IsHead(httpContext.Request.Method))
        {
            // The headers of the GET answer; a body would be dropped (Kestrel) or sent (a test server, a proxy).
            return;
        }

        // Encoded from the builder's pieces straight into the response's pipe (the server's pooled blocks) and sent
        // chunked: a search page is about 180 KiB, and its string and its array of bytes were garbage on the large
        // object heap.
        _html.WriteTo(response.BodyWriter);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }
}
