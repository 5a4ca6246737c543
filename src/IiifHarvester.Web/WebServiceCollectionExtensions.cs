using IiifHarvester.Images.Registry;
using IiifHarvester.Web.Images;
using IiifHarvester.Web.Portal;
using IiifHarvester.Web.Search;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Web;

/// <summary>Registers what the HTTP surface needs beyond the features' own services.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Adds the HTTP edge (<see cref="WebOptions"/>, forwarded headers; see <c>AddIiifHttpEdge</c>), the search API's
    /// options, the store-backed image service registry (call after <c>AddIiifImages</c>, whose in-memory registry it
    /// replaces), and the warming of thumbnails after each harvest (<see cref="ThumbnailWarming"/>).
    /// </summary>
    public static IServiceCollection AddIiifWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIiifHttpEdge(configuration);
        services.AddIiifSearchApi(configuration);
        services.AddIiifPortal(configuration);
        services.AddSingleton<IImageServiceRegistry, StoreImageServiceRegistry>();
        services.AddSingleton<ThumbnailWarming>();
        services.AddSingleton<IHarvestFollowUp>(sp => sp.GetRequiredService<ThumbnailWarming>());
        services.AddHostedService(sp => sp.GetRequiredService<ThumbnailWarming>());
        return services;
    }
}
