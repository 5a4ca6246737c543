using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace IiifHarvester.Web.Images;

/// <summary>303 See Other from an image service's base URI to its info.json (Image API 3.0 §2.1, baseUriRedirect).</summary>
internal sealed class ImageSeeOther : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public ImageSeeOther(string location)
    {
        Location = location;
    }

    /// <summary>The info.json.</summary>
    public string Location { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status303SeeOther;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ImageEndpoints.AddCommonHeaders(httpContext.Response);
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = Location;
        return Task.CompletedTask;
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status303SeeOther));
    }
}
