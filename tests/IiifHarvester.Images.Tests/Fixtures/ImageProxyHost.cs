using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Images.Registry;
using IiifHarvester.Web;
using IiifHarvester.Web.Images;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>A minimal WebApplication with the image engine, the HTTP edge and the image endpoints on Kestrel, 127.0.0.1, a free port.</summary>
public sealed class ImageProxyHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ImageProxyHost(WebApplication app, string cacheDirectory)
    {
        _app = app;
        CacheDirectory = cacheDirectory;
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    public string CacheDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public InMemoryImageServiceRegistry Registry => _app.Services.GetRequiredService<InMemoryImageServiceRegistry>();

    public ImagesStatistics Statistics => _app.Services.GetRequiredService<ImagesStatistics>();

    /// <param name="configure">Changes to the proxy's options.</param>
    /// <param name="timeProvider">The clock, when not the system's.</param>
    /// <param name="cacheDirectory">The cache directory, when not a fresh temporary one.</param>
    /// <param name="addresses">The address rule of the connections to institutions, when not the default.</param>
    /// <param name="web">Changes to the HTTP edge's options (admin key <c>test-admin-key</c> by default).</param>
    public static async Task<ImageProxyHost> StartAsync(
        Action<ImagesOptions>? configure = null, TimeProvider? timeProvider = null, string? cacheDirectory = null, AddressPolicy? addresses = null, Action<WebOptions>? web = null)
    {
        cacheDirectory ??= Path.Combine(Path.GetTempPath(), "iiif-image-cache-" + Guid.NewGuid().ToString("N")[..12]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        if (addresses is not null)
        {
            builder.Services.AddSingleton(addresses);
        }

        builder.Services.AddIiifImages(builder.Configuration, o =>
        {
            o.CacheDirectory = cacheDirectory;
            o.UpstreamTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        });
        builder.Services.AddIiifHttpEdge(builder.Configuration);
        builder.Services.Configure<WebOptions>(o =>
        {
            o.AdminKey = "test-admin-key";
            web?.Invoke(o);
        });
        var app = builder.Build();
        app.UseIiifHttpEdge();
        app.MapIiifImages();
        await app.StartAsync();
        return new ImageProxyHost(app, cacheDirectory);
    }

    /// <summary>
    /// Registers a service id for a source allowing the service's own host, and private networks unless told otherwise
    /// (the test upstreams listen on loopback).
    /// </summary>
    public ImageServiceEntry Register(string serviceId, string sourceKey = "test", bool allowCachingAuth = false, string? allowedHost = null, bool allowPrivateNetworks = true)
        => Registry.Register(serviceId, sourceKey, [allowedHost ?? new Uri(serviceId).Authority], allowCachingAuth, allowPrivateNetworks);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(CacheDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
