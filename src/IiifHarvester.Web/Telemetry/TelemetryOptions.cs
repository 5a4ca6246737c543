namespace IiifHarvester.Web.Telemetry;

/// <summary>Where traces and metrics go, bound from the <c>Telemetry</c> configuration section.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Telemetry";

    /// <summary>
    /// The OpenTelemetry collector that traces and metrics are pushed to over OTLP/HTTP (protobuf), as its base URL
    /// (<c>http://collector:4318</c>); the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is read when this is unset.
    /// </summary>
    /// <value>Default: null (nothing pushed; spans are not even recorded).</value>
    public string? OtlpEndpoint { get; set; }

    /// <summary>How often metrics are pushed over OTLP (and spans, at most every 5 seconds, sooner when a batch fills).</summary>
    /// <value>Default: 30 seconds.</value>
    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether metrics are served for Prometheus to scrape, at <see cref="PrometheusPath"/>.</summary>
    /// <value>Default: true.</value>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>The path of the Prometheus scrape endpoint.</summary>
    /// <value>Default: <c>/metrics</c>.</value>
    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>
    /// Whether the scrape endpoint asks for the admin key (<c>Web:AdminKey</c> in <c>X-Admin-Key</c>, as admin
    /// endpoints do). Off by default: the metrics say what the public <c>/admin/status</c> says (source keys, counts,
    /// durations), plus the process's own (memory, GC, HTTP by route).
    /// </summary>
    /// <value>Default: false.</value>
    public bool PrometheusRequiresAdminKey { get; set; }
}
