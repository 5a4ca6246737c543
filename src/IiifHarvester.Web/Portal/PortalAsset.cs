using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace IiifHarvester.Web.Portal;

/// <summary>One of our own static files: cached for a day, never sniffed into another type, no range requests.</summary>
internal sealed class PortalAsset : IResult, IEndpointMetadataProvider
{
    public PortalAsset(string path, string contentType)
    {
        Path = path;
        ContentType = contentType;
    }

    /// <summary>The file beside the assemblies.</summary>
    public string Path { get; }

    /// <summary>The media type.</summary>
    public string ContentType { get; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.CacheControl = "public, max-age=86400";
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.PhysicalFile(Path, ContentType, enableRangeProcessing: false).ExecuteAsync(httpContext);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), ["text/css", "text/javascript", "image/svg+xml"]));
    }
}
