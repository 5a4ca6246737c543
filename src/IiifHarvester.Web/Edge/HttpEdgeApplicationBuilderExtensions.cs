using IiifHarvester.Web.Edge;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the middleware every endpoint of the HTTP surface relies on.</summary>
public static class HttpEdgeApplicationBuilderExtensions
{
    /// <summary>
    /// Forwarded headers (RFC 7239 <c>Forwarded</c> read into <c>X-Forwarded-*</c>, then ASP.NET's middleware, which
    /// trusts only known proxies), response compression, then the one CORS policy. Call before the endpoints run (after <c>AddIiifHttpEdge</c>).
    /// </summary>
    public static IApplicationBuilder UseIiifHttpEdge(this IApplicationBuilder app)
    {
        app.UseMiddleware<Rfc7239Forwarded>();
        app.UseForwardedHeaders();
        app.UseResponseCompression();
        app.UseMiddleware<PublicCors>();
        return app;
    }
}
