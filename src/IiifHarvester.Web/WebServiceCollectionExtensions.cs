using IiifHarvester.Images.Registry;
using IiifHarvester.Web.Images;
using IiifHarvester.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IiifHarvester.Web;

/// <summary>Registers what the HTTP surface needs beyond the features' own services.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>
    /// Adds CORS for IIIF clients (every public endpoint is readable from any origin), forwarded headers, and the
    /// store-backed image service registry (call after <c>AddIiifImages</c>, whose in-memory registry it replaces).
    /// </summary>
    public static IServiceCollection AddIiifWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCors(o => o.AddDefaultPolicy(p => p.AllowAnyOrigin().AllowAnyHeader().WithMethods("GET", "HEAD", "OPTIONS").WithExposedHeaders("ETag", "Link")));
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // Behind a reverse proxy the operator lists it in ForwardedHeaders:KnownProxies; loopback is trusted by default.
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").GetChildren())
            {
                if (System.Net.IPAddress.TryParse(proxy.Value, out var address))
                {
                    o.KnownProxies.Add(address);
                }
            }
        });
        services.AddIiifSearchApi(configuration);
        services.AddSingleton<IImageServiceRegistry, StoreImageServiceRegistry>();
        return services;
    }
}
