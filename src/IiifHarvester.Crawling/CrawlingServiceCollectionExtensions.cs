using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Crawling.Collections;
using IiifHarvester.Crawling.Discovery;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Institutions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the crawler.</summary>
public static class CrawlingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CrawlingOptions"/> (bound from the <c>Crawling</c> section, validated on start), the
    /// <see cref="IInstitutionClient"/> (the image proxy's way to institutions, over the crawler's guarded connections and
    /// host gates; its address rule is the registered <see cref="AddressPolicy"/>, <see cref="AddressPolicy.Default"/>
    /// unless one was registered first), the <see cref="IIiifFetcher"/>, the <see cref="IDiscoveryWalker"/> and the
    /// <see cref="ICollectionWalker"/>, all singletons. Uses <see cref="TimeProvider.System"/> unless a
    /// <see cref="TimeProvider"/> is registered.
    /// </summary>
    public static IServiceCollection AddIiifCrawling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CrawlingOptions>()
            .Bind(configuration.GetSection(CrawlingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrawlingOptions>, CrawlingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddLogging();
        services.TryAddSingleton(AddressPolicy.Default);
        services.TryAddSingleton<InstitutionConnections>();
        services.TryAddSingleton<IInstitutionClient, InstitutionClient>();
        services.TryAddSingleton<IIiifFetcher, IiifFetcher>();
        services.TryAddSingleton<IDiscoveryWalker, DiscoveryWalker>();
        services.TryAddSingleton<ICollectionWalker, CollectionWalker>();
        return services;
    }
}
