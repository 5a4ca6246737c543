using IiifHarvester.Images.Admin;
using IiifHarvester.Images.Serving;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images;

/// <summary>Maps the Image API and its admin endpoints.</summary>
public static class ImagesEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>{prefix}/{key}</c> (303 to info.json), <c>{prefix}/{key}/info.json</c>,
    /// <c>{prefix}/{key}/{region}/{size}/{rotation}/{quality}.{format}</c> (GET, HEAD, OPTIONS; prefix
    /// <c>/iiif/image</c> by default) and <c>POST /admin/images/purge</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapIiifImages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var prefix = endpoints.ServiceProvider.GetRequiredService<IOptions<ImagesOptions>>().Value.RoutePrefix;
        string[] read = ["GET", "HEAD"];
        string[] preflight = ["OPTIONS"];

        endpoints.MapMethods(prefix + "/{key}", read, ImageEndpoints.BaseAsync).WithName("IiifImageBase");
        endpoints.MapMethods(prefix + "/{key}/info.json", read, ImageEndpoints.InfoAsync).WithName("IiifImageInfo");
        endpoints.MapMethods(prefix + "/{key}/{region}/{size}/{rotation}/{file}", read, ImageEndpoints.ImageAsync).WithName("IiifImage");
        endpoints.MapMethods(prefix + "/{key}", preflight, ImageEndpoints.PreflightAsync);
        endpoints.MapMethods(prefix + "/{key}/info.json", preflight, ImageEndpoints.PreflightAsync);
        endpoints.MapMethods(prefix + "/{key}/{region}/{size}/{rotation}/{file}", preflight, ImageEndpoints.PreflightAsync);
        endpoints.MapPost("/admin/images/purge", (Delegate)PurgeEndpoint.PurgeAsync).WithName("IiifImagePurge");
        return endpoints;
    }
}
