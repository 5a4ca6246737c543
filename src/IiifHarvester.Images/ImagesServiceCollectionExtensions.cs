using IiifHarvester.Crawling.Institutions;
using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Registry;
using IiifHarvester.Images.Serving;
using IiifHarvester.Images.Upstream;
using IiifHarvester.Images.Warmup;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Images;

/// <summary>Registers the Image API proxy cache.</summary>
public static class ImagesServiceCollectionExtensions
{
    /// <summary>
    /// Adds the image proxy: <see cref="ImagesOptions"/> bound from the <c>Images</c> section (the cache directory is
    /// <c>Images:CacheDirectory</c>, which the host puts under its data folder), the disk cache, the upstream client (over the crawler's guarded <c>IInstitutionClient</c>, registered here with <c>AddIiifCrawling</c> unless already), <see cref="IImageWarmer"/> and
    /// <see cref="ImagesStatistics"/>. An <see cref="InMemoryImageServiceRegistry"/> is registered as
    /// <see cref="IImageServiceRegistry"/> unless the host registered its own first.
    /// </summary>
    public static IServiceCollection AddIiifImages(this IServiceCollection services, IConfiguration configuration, Action<ImagesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ImagesOptions>()
            .Bind(configuration.GetSection(ImagesOptions.SectionName))
            .PostConfigure(o => configure?.Invoke(o))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagesOptions>, ImagesOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.ServiceType == typeof(IInstitutionClient)))
        {
            services.AddIiifCrawling(configuration);
        }

        services.TryAddSingleton<InMemoryImageServiceRegistry>();
        services.TryAddSingleton<IImageServiceRegistry>(sp => sp.GetRequiredService<InMemoryImageServiceRegistry>());
        services.TryAddSingleton<ImagesStatistics>();
        services.TryAddSingleton<RegistryLookupCache>();
        services.TryAddSingleton<DiskImageCache>();
        services.TryAddSingleton<ErrorCache>();
        services.TryAddSingleton<RequestCoalescer>();
        services.TryAddSingleton<ImageProxy>();
        services.TryAddSingleton<IImageWarmer, ImageWarmer>();

        services.TryAddSingleton<UpstreamClient>();
        return services;
    }
}
