using System.Net;
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
    /// <summary>The name of the upstream <see cref="HttpClient"/>.</summary>
    public const string HttpClientName = "IiifHarvester.Images.Upstream";

    /// <summary>
    /// Adds the image proxy: <see cref="ImagesOptions"/> bound from the <c>Images</c> section (the cache directory defaulting
    /// to <c>{DataDir}/image-cache</c>), the disk cache, the upstream client, <see cref="IImageWarmer"/> and
    /// <see cref="ImagesStatistics"/>. An <see cref="InMemoryImageServiceRegistry"/> is registered as
    /// <see cref="IImageServiceRegistry"/> unless the host registered its own first.
    /// </summary>
    public static IServiceCollection AddIiifImages(this IServiceCollection services, IConfiguration configuration, Action<ImagesOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ImagesOptions>()
            .Bind(configuration.GetSection(ImagesOptions.SectionName))
            .PostConfigure(o =>
            {
                configure?.Invoke(o);
                if (string.IsNullOrWhiteSpace(o.CacheDirectory))
                {
                    var dataDir = configuration["DataDir"];
                    o.CacheDirectory = Path.Combine(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir, "image-cache");
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImagesOptions>, ImagesOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InMemoryImageServiceRegistry>();
        services.TryAddSingleton<IImageServiceRegistry>(sp => sp.GetRequiredService<InMemoryImageServiceRegistry>());
        services.TryAddSingleton<ImagesStatistics>();
        services.TryAddSingleton<DiskImageCache>();
        services.TryAddSingleton<ErrorCache>();
        services.TryAddSingleton<RequestCoalescer>();
        services.TryAddSingleton<ImageProxy>();
        services.TryAddSingleton<IImageWarmer, ImageWarmer>();

        services.AddHttpClient<UpstreamClient>(HttpClientName, client =>
            {
                // Per-call time limits come from ImagesOptions.UpstreamTimeout; this only stops the default 100 s cap.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IiifHarvester-ImageProxy/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Redirects are followed by UpstreamClient, which checks each hop's host against the source's.
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 64,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(10),
            });
        return services;
    }
}
