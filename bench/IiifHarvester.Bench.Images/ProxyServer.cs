using IiifHarvester.Images;
using IiifHarvester.Images.Registry;
using IiifHarvester.Web.Images;
using IiifHarvester.Web.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Bench.Images;

/// <summary>
/// The child-process mode (<c>--serve-proxy CACHE_DIR HOST SERVICE_ID...</c>): our proxy alone in its own process, as it
/// runs in production, so that the load generator does not share its CPU time and thread pool. Beside it, in the same
/// process, two floors answer a copy of a cached tile (posted to <c>/__floor</c>) with the same headers: one through the
/// proxy's own middleware and routing (<c>/__floor</c>), one from a second Kestrel listener with nothing but a handler
/// (bare Kestrel, what any ASP.NET Core server must pay).
/// </summary>
internal static class ProxyServer
{
    /// <summary>Request headers with this prefix, posted with the floor's body, name the headers the floors answer.</summary>
    public const string EchoPrefix = "X-Echo-";

    public static async Task<int> RunAsync(string[] args)
    {
        var cacheDir = args[1];
        var allowedHost = args[2];
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddIiifImages(builder.Configuration, o =>
        {
            o.CacheDirectory = cacheDir;
            o.MaxCacheBytes = 1L << 30;
        });
        builder.Services.AddIiifHttpEdge(builder.Configuration);
        // BENCH_TELEMETRY=1: with the process's metrics on as `serve` has them (OpenTelemetry listening, /metrics).
        var telemetry = Environment.GetEnvironmentVariable("BENCH_TELEMETRY") == "1";
        if (telemetry)
        {
            builder.Services.AddIiifTelemetry(builder.Configuration);
        }

        var app = builder.Build();
        app.UseIiifHttpEdge();
        app.MapIiifImages();
        if (telemetry)
        {
            app.MapIiifTelemetry();
        }

        var floor = new FloorResponse();
        app.MapPost("/__floor", floor.SetAsync);
        app.MapGet("/__floor", floor.WriteAsync);
        app.MapGet("/__stats", (ImagesStatistics s) => Results.Ok(new { s.UpstreamRequests, s.Hits, s.Misses, s.MemoryHits }));
        await app.StartAsync();

        // Bare Kestrel: the same runtime and settings, no middleware, no routing, no services; any path is the floor.
        var bareBuilder = WebApplication.CreateSlimBuilder();
        bareBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        bareBuilder.Logging.ClearProviders();
        var bare = bareBuilder.Build();
        bare.Run(floor.WriteAsync);
        await bare.StartAsync();

        var registry = app.Services.GetRequiredService<InMemoryImageServiceRegistry>();
        await Console.Out.WriteLineAsync("LISTENING " + AddressOf(app));
        await Console.Out.WriteLineAsync("BARE " + AddressOf(bare));
        foreach (var serviceId in args.Skip(3))
        {
            var entry = registry.Register(serviceId, "bench", [allowedHost], allowPrivateNetworks: true);
            await Console.Out.WriteLineAsync($"KEY {serviceId} {entry.Key}");
        }

        await Console.Out.FlushAsync();
        // Runs until the parent closes our stdin (or kills us).
        await Console.In.ReadToEndAsync();
        await bare.StopAsync();
        await app.StopAsync();
        return 0;
    }

    private static string AddressOf(WebApplication app) => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
}
