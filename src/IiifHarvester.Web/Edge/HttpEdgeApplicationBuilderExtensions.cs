using IiifHarvester.Web.Edge;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the middleware every endpoint of the HTTP surface relies on.</summary>
public static class HttpEdgeApplicationBuilderExtensions
{
    /// <summary>
    /// Forwarded headers (RFC 7239 <c>Forwarded</c> read into <c>X-Forwarded-*</c>, then ASP.NET's middleware, which
    /// trusts only known proxies), the one CORS policy, routing, then response compression. Call before the endpoints
    /// are mapped (after <c>AddIiifHttpEdge</c>).
    /// </summary>
    /// <remarks>
    /// Routing runs here, after the edge, rather than first (where a <see cref="WebApplication"/> puts it unless told):
    /// so an endpoint that marks itself <c>ShortCircuit()</c> (an image tile, already compressed and hit thousands of
    /// times a second) is answered as soon as it is matched, with the forwarded host and CORS applied, and skips
    /// the compression that would only wrap its body to leave it alone.
    /// </remarks>
    public static IApplicationBuilder UseIiifHttpEdge(this IApplicationBuilder app)
    {
        app.UseMiddleware<Rfc7239Forwarded>();
        app.UseForwardedHeaders();
        app.UseMiddleware<PublicCors>();
        app.UseRouting();
        app.UseResponseCompression();
        return app;
    }
}
