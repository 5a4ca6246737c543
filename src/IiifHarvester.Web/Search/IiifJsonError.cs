using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;

namespace IiifHarvester.Web.Search;

/// <summary>
/// The error answer of the IIIF JSON endpoints: <c>{"error": message, "status": code}</c> as <c>application/json</c>,
/// never cached.
/// </summary>
public sealed class IiifJsonError : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    /// <summary>An error with <paramref name="statusCode"/> saying <paramref name="message"/>.</summary>
    public IiifJsonError(int statusCode, string message)
    {
        StatusCode = statusCode;
        Message = message;
    }

    /// <summary>The status code (400 or 404).</summary>
    public int StatusCode { get; }

    /// <summary>What went wrong, for the person who sent the request.</summary>
    public string Message { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, IiifJsonResult.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("error", Message);
            writer.WriteNumber("status", StatusCode);
            writer.WriteEndObject();
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = MediaTypes.Json;
        response.Headers.CacheControl = "no-store";
        response.ContentLength = buffer.WrittenCount;
        return response.Body.WriteAsync(buffer.WrittenMemory, httpContext.RequestAborted).AsTask();
    }

    /// <inheritdoc />
    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(void), [MediaTypes.Json]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(void), [MediaTypes.Json]));
    }
}
