using System.Globalization;
using IiifHarvester.Images;
using IiifHarvester.Images.Requests;
using IiifHarvester.Web.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Images;

/// <summary>Maps the Image API and its admin endpoints.</summary>
public static class ImagesEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>{prefix}/{key}</c> (303 to info.json), <c>{prefix}/{key}/info.json</c>,
    /// <c>{prefix}/{key}/{region}/{size}/{rotation}/{quality}.{format}</c> (GET and HEAD; CORS preflights are the edge's; prefix
    /// <c>/iiif/image</c> by default) in the upstream's own Image API version, the same under <c>{prefix}/2/{key}</c>
    /// in 2.1 and under <c>{prefix}/3/{key}</c> in 3.0, and <c>POST /admin/images/purge</c> behind the admin key.
    /// </summary>
    public static IEndpointRouteBuilder MapIiifImages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var prefix = endpoints.ServiceProvider.GetRequiredService<IOptions<ImagesOptions>>().Value.RoutePrefix;
        string[] read = ["GET", "HEAD"];
        var services = ImageEndpointServices.From(endpoints.ServiceProvider);

        foreach (var version in new ImageApiVersion?[] { null, ImageApiVersion.V2, ImageApiVersion.V3 })
        {
            // {prefix}/{key}: the upstream's own version; {prefix}/2/{key}: 2.1; {prefix}/3/{key}: 3.0.
            var served = version;
            var root = prefix + ImageEndpoints.VersionSegment(version) + "/{key}";
            var suffix = version is null ? string.Empty : ((int)version.Value).ToString(CultureInfo.InvariantCulture);
            endpoints.MapMethods(root, read, ([AsParameters] ImageBaseRequest request, CancellationToken cancellationToken) =>
                ImageEndpoints.BaseAsync(request, services, served, cancellationToken)).WithName("IiifImageBase" + suffix);
            endpoints.MapMethods(root + "/info.json", read, context => ImageEndpoints.InfoAsync(context, services, served)).WithName("IiifImageInfo" + suffix);
            // Images are answered as soon as routing matches them (after the edge's forwarded headers and CORS): they
            // are never compressed (JPEG, PNG and WebP are already), and a cache hit should cost little more than Kestrel.
            endpoints.MapMethods(root + "/{region}/{size}/{rotation}/{file}", read, context => ImageEndpoints.ImageAsync(context, services, served)).WithName("IiifImage" + suffix).ShortCircuit();
        }

        endpoints.MapPost("/admin/images/purge", PurgeEndpoint.PurgeAsync).AddEndpointFilter<AdminKeyFilter>().WithName("IiifImagePurge");
        return endpoints;
    }
}
