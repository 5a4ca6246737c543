using System.Reflection;
using System.Text;
using IiifHarvester.Images.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace IiifHarvester.Web.Images;

/// <summary>
/// An Image API error (3.0 §7): plain text saying what went wrong, never cached, with the <c>Cache-Status</c> that
/// says why (counted in <c>iiifharvester.images.requests</c>); any image headers already set are taken back.
/// </summary>
internal sealed class ImageApiError : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public ImageApiError(int statusCode, string message, string cacheStatus = CacheStatusValues.Refused)
    {
        StatusCode = statusCode;
        Message = message;
        CacheStatus = cacheStatus;
    }

    public int StatusCode { get; }

    public string Message { get; }

    public string CacheStatus { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        ImageEndpoints.AddCommonHeaders(response);
        response.Headers.Remove(HeaderNames.Link);
        response.Headers.Remove(HeaderNames.ETag);
        response.Headers.Remove(HeaderNames.LastModified);
        response.Headers.Remove(HeaderNames.Age);
        ImageEndpoints.SetCacheStatus(response, CacheStatus);
        response.StatusCode = StatusCode;
        response.ContentType = ImageEndpoints.PlainText;
        response.Headers.CacheControl = "no-store";
        return HttpMethods.IsHead(httpContext.Request.Method)
            ? Task.CompletedTask
            : response.WriteAsync(Message + "\n", Encoding.UTF8, httpContext.RequestAborted);
    }

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(void), ["text/plain"]));
    }
}
