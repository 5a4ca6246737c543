using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IiifHarvester.Web.Search;

/// <summary>Registers the options of the public IIIF endpoints.</summary>
public static class SearchApiServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SearchApiOptions"/> to <c>Web:Search</c> (and the HTTP edge's <see cref="WebOptions"/>). The endpoints also work with the defaults when this is not called.</summary>
    public static IServiceCollection AddIiifSearchApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddIiifHttpEdge(configuration);
        services.AddOptions<SearchApiOptions>()
            .Bind(configuration.GetSection(SearchApiOptions.SectionName))
            .Validate(o => o.CacheMaxAge >= TimeSpan.Zero && o.CacheMaxAge <= TimeSpan.FromDays(365), "Web:Search:CacheMaxAge must be between 0 and 365 days.")
            .ValidateOnStart();
        return services;
    }
}
