using System.Reflection;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Web.Discovery;

/// <summary>
/// A Change Discovery 1.0 collection or page: JSON-LD with the context as profile unless plain JSON is asked for
/// (§4.1), varying on Accept. It is open to every origin (§4.2: a stream is meant to be read by other aggregators'
/// browsers too) through the one CORS policy of the HTTP edge.
/// </summary>
internal sealed class ActivityStreamJson : IResult, IEndpointMetadataProvider
{
    public ActivityStreamJson(IReadOnlyDictionary<string, object?> body, string contentType)
    {
        Body = body;
        ContentType = contentType;
    }

    /// <summary>The document, property by property in the specification's order.</summary>
    public IReadOnlyDictionary<string, object?> Body { get; }

    /// <summary>The negotiated media type.</summary>
    public string ContentType { get; }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.Vary = HeaderNames.Accept;
        return TypedResults.Json<object>(Body, WebJson.Options, ContentType).ExecuteAsync(httpContext);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(void), [MediaTypes.JsonLd, MediaTypes.Json]));
    }
}
