using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Portal;

/// <summary>Registers the portal's options.</summary>
public static class PortalServiceCollectionExtensions
{
    /// <summary>Binds and validates <see cref="PortalOptions"/> (section <c>Portal</c>) on start.</summary>
    public static IServiceCollection AddIiifPortal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>());
        return services;
    }
}
