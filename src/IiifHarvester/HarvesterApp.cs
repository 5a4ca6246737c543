using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using IiifHarvester.Harvesting;
using IiifHarvester.Images;
using IiifHarvester.Indexing;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Storage;
using IiifHarvester.Web;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IiifHarvester;

/// <summary>Builds the one process that schedules, harvests, indexes and serves.</summary>
public static class HarvesterApp
{
    /// <summary>
    /// Creates the application builder with every configuration source: appsettings.json, every <c>config/*.json</c>
    /// (one file per institution, or several), environment variables (<c>IIIFHARVESTER_</c> prefix, <c>__</c> for
    /// sections), then the command line. <paramref name="overrides"/> go last (the verbs' own settings).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, IDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var configDirectory = Path.Combine(builder.Environment.ContentRootPath, "config");
        if (Directory.Exists(configDirectory))
        {
            foreach (var file in Directory.EnumerateFiles(configDirectory, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                builder.Configuration.AddJsonFile(file, optional: true, reloadOnChange: false);
            }
        }

        builder.Configuration.AddEnvironmentVariables("IIIFHARVESTER_");
        builder.Configuration.AddCommandLine(args);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        // The data folder is resolved here, once; each engine reads only its own path under it.
        DataFolder.Apply(builder.Configuration);

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddIiifStorage(configuration);
        services.AddIiifCrawling(configuration);
        services.AddIiifIndexing(configuration);
        services.AddIiifHarvesting(configuration);
        services.AddIiifImages(configuration);
        services.AddIiifWeb(configuration);
        // Metrics and traces go out over OTLP (HTTP/protobuf) when Telemetry:OtlpEndpoint (or the standard
        // OTEL_EXPORTER_OTLP_ENDPOINT) names a collector; without one they are only collected in process.
        var otlp = configuration["Telemetry:OtlpEndpoint"] ?? Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT");
        var exportInterval = configuration.GetValue("Telemetry:ExportInterval", TimeSpan.FromSeconds(30));
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("IiifHarvester"))
            .WithMetrics(m =>
            {
                m.AddMeter(HarvestTelemetry.Name, "IiifHarvester.Crawling");
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    m.AddOtlpExporter((exporter, reader) =>
                    {
                        exporter.Endpoint = new Uri(otlp.TrimEnd('/') + "/v1/metrics");
                        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)exportInterval.TotalMilliseconds;
                    });
                }
            })
            .WithTracing(t =>
            {
                t.AddSource(HarvestTelemetry.Name, "IiifHarvester.Crawling");
                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    t.AddOtlpExporter(exporter =>
                    {
                        exporter.Endpoint = new Uri(otlp.TrimEnd('/') + "/v1/traces");
                        exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    });
                }
            });
        return builder;
    }

    /// <summary>Adds the HTTP pipeline and every endpoint group.</summary>
    public static WebApplication MapEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseIiifHttpEdge();
        app.MapIiifHarvester();
        return app;
    }
}
