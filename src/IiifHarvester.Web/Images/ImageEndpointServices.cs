using IiifHarvester.Images;
using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Requests;
using IiifHarvester.Images.Serving;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Images;

/// <summary>
/// The singletons the Image API handlers use, resolved once when the routes are mapped: a cache hit then creates no
/// request service scope and looks nothing up in the container.
/// </summary>
internal sealed record ImageEndpointServices(RegistryLookupCache Registry, ImageProxy Proxy, ImagesOptions Options, WebOptions? Web)
{
    private readonly string[] _prefixes = [.. new ImageApiVersion?[] { null, ImageApiVersion.V2, ImageApiVersion.V3 }.Select(v => Options.RoutePrefix + ImageEndpoints.VersionSegment(v))];

    /// <summary>The route prefix with the version's segment (<see cref="ImageEndpoints.VersionSegment"/>).</summary>
    public string RoutePrefixOf(ImageApiVersion? version) => version switch
    {
        ImageApiVersion.V2 => _prefixes[1],
        ImageApiVersion.V3 => _prefixes[2],
        _ => _prefixes[0],
    };

    public static ImageEndpointServices From(IServiceProvider services) => new(
        services.GetRequiredService<RegistryLookupCache>(),
        services.GetRequiredService<ImageProxy>(),
        services.GetRequiredService<IOptions<ImagesOptions>>().Value,
        services.GetService<IOptions<WebOptions>>()?.Value);
}
