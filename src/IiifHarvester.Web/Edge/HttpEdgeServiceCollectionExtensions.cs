using IiifHarvester.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what every endpoint of the HTTP surface shares.</summary>
public static class HttpEdgeServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="WebOptions"/> (section <c>Web</c>, validated on start, with the deprecated aliases
    /// <c>Web:Search:PublicBaseUrl</c>, <c>Images:PublicBaseUrl</c>, <c>Harvesting:AdminKey</c> and <c>Images:AdminKey</c>
    /// read when the <c>Web</c> setting is empty) and configures the forwarded-headers middleware: <c>X-Forwarded-For/
    /// Proto/Host/Prefix</c> (and RFC 7239 <c>Forwarded</c>) from loopback and the proxies listed in
    /// <c>ForwardedHeaders:KnownProxies</c>, and Brotli/gzip response compression. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddIiifHttpEdge(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(IValidateOptions<WebOptions>)))
        {
            return services;
        }

        services.AddOptions<WebOptions>()
            .Bind(configuration.GetSection(WebOptions.SectionName))
            .PostConfigure(o =>
            {
                o.PublicBaseUrl = FirstSet(o.PublicBaseUrl, configuration["Web:Search:PublicBaseUrl"], configuration["Images:PublicBaseUrl"]);
                o.AdminKey = FirstSet(o.AdminKey, configuration["Harvesting:AdminKey"], configuration["Images:AdminKey"]);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebOptions>, WebOptionsValidator>());
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedPrefix;

            // Behind a reverse proxy the operator lists it in ForwardedHeaders:KnownProxies; loopback is trusted by default.
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren())
            {
                if (System.Net.IPAddress.TryParse(proxy.Value, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }
        });
        services.AddIiifResponseCompression();
        return services;
    }

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
