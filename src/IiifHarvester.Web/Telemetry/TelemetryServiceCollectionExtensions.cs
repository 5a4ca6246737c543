using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IiifHarvester.Web.Telemetry;

/// <summary>The one OpenTelemetry registration of the process.</summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Every IiifHarvester ActivitySource and Meter (Harvesting, Crawling, Indexing, Images) by one wildcard.</summary>
    public const string OwnSources = "IiifHarvester.*";

    /// <summary>
    /// Registers OpenTelemetry: every <c>IiifHarvester.*</c> meter (instruments named <c>iiifharvester.*</c>), ASP.NET
    /// Core's and Kestrel's (<c>http.server.*</c>, <c>kestrel.*</c>), HttpClient's and the runtime's, read by a
    /// Prometheus scrape endpoint (<see cref="TelemetryOptions.PrometheusEnabled"/>) and pushed over OTLP when
    /// <see cref="TelemetryOptions.OtlpEndpoint"/> names a collector; spans of the same sources (and ASP.NET Core's
    /// and HttpClient's) only then, since nothing else reads them.
    /// </summary>
    public static IServiceCollection AddIiifTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(TelemetryOptions.SectionName);
        services.AddOptions<TelemetryOptions>()
            .Bind(section)
            .PostConfigure(o => o.OtlpEndpoint = string.IsNullOrWhiteSpace(o.OtlpEndpoint) ? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] : o.OtlpEndpoint)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>());

        // Which exporters exist is decided now, while the providers are built; the options above check the same values on start.
        var options = section.Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = string.IsNullOrWhiteSpace(options.OtlpEndpoint) ? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] : options.OtlpEndpoint;
        var otlpBase = Uri.TryCreate(otlp, UriKind.Absolute, out var parsed) ? parsed.ToString().TrimEnd('/') : null;

        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService("IiifHarvester"));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(OwnSources, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime");
            if (options.PrometheusEnabled)
            {
                metrics.AddPrometheusExporter(p => p.ScrapeEndpointPath = options.PrometheusPath);
            }

            if (otlpBase is not null)
            {
                metrics.AddOtlpExporter((exporter, reader) =>
                {
                    exporter.Endpoint = new Uri(otlpBase + "/v1/metrics");
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)options.ExportInterval.TotalMilliseconds;
                });
            }
        });
        if (otlpBase is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(OwnSources, "Microsoft.AspNetCore", "System.Net.Http")
                .AddOtlpExporter(exporter =>
                {
                    exporter.Endpoint = new Uri(otlpBase + "/v1/traces");
                    exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                    // Spans go in batches every ExportInterval (at most 5 s, OpenTelemetry's default), or sooner when a batch fills.
                    exporter.BatchExportProcessorOptions.ScheduledDelayMilliseconds = (int)Math.Min(options.ExportInterval.TotalMilliseconds, 5000);
                }));
        }

        return services;
    }
}
