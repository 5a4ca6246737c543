using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace IiifHarvester.Web.Search;

/// <summary>304 Not Modified for a conditional request whose If-None-Match names the answer's ETag (RFC 9110 §15.4.5).</summary>
public sealed class IiifNotModified : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    /// <summary>The answer to a request that already holds <paramref name="etag"/>, cacheable for <paramref name="maxAge"/>.</summary>
    public IiifNotModified(string etag, TimeSpan maxAge)
    {
        ETag = etag;
        MaxAge = maxAge;
    }

    /// <summary>The entity tag the client holds.</summary>
    public string ETag { get; }

    /// <summary>How long the answer may be reused.</summary>
    public TimeSpan MaxAge { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status304NotModified;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status304NotModified;
        response.Headers.ETag = ETag;
        response.Headers.CacheControl = CacheControl(MaxAge);
        return Task.CompletedTask;
    }

    /// <summary>The <c>Cache-Control</c> of an answer that may be reused for <paramref name="maxAge"/> (and of its 304s).</summary>
    internal static string CacheControl(TimeSpan maxAge) => $"public, max-age={(int)maxAge.TotalSeconds}";

    /// <inheritdoc />
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified));
    }
}
