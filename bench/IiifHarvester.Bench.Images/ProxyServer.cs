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
/// runs in production, so that the load generator does not share its CPU time and thread pool.
/// </summary>
internal static class ProxyServer
{
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

        // The floor: Kestrel answering fixed bytes from memory, with no proxy logic (a diagnostic for the bench).
        var floor = Array.Empty<byte>();
        app.MapPost("/__floor", async (HttpRequest r) => { using var ms = new MemoryStream(); await r.Body.CopyToAsync(ms); floor = ms.ToArray(); return Results.Ok(); });
        app.MapGet("/__floor", (HttpContext c) =>
        {
            c.Response.ContentType = "image/jpeg";
            c.Response.ContentLength = floor.Length;
            return c.Response.Body.WriteAsync(floor).AsTask();
        });
        app.MapGet("/__stats", (ImagesStatistics s) => Results.Ok(new { s.UpstreamRequests, s.Hits, s.Misses, s.MemoryHits }));
        await app.StartAsync();

        var registry = app.Services.GetRequiredService<InMemoryImageServiceRegistry>();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await Console.Out.WriteLineAsync("LISTENING " + url);
        foreach (var serviceId in args.Skip(3))
        {
            var entry = registry.Register(serviceId, "bench", [allowedHost], allowPrivateNetworks: true);
            await Console.Out.WriteLineAsync($"KEY {serviceId} {entry.Key}");
        }

        await Console.Out.FlushAsync();
        // Runs until the parent closes our stdin (or kills us).
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }
}
