using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Telemetry;

/// <summary>Checks <see cref="TelemetryOptions"/> at start, reporting every bad setting by name.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"Telemetry:OtlpEndpoint '{options.OtlpEndpoint}' must be an absolute http(s) URL (the collector's OTLP/HTTP base, e.g. http://collector:4318).");
        }

        if (options.ExportInterval < TimeSpan.FromMilliseconds(100) || options.ExportInterval > TimeSpan.FromHours(1))
        {
            failures.Add($"Telemetry:ExportInterval '{options.ExportInterval}' must be between 00:00:00.1 and 01:00:00.");
        }

        if (options.PrometheusEnabled && (string.IsNullOrEmpty(options.PrometheusPath) || options.PrometheusPath[0] != '/' || options.PrometheusPath.Contains('?', StringComparison.Ordinal)))
        {
            failures.Add($"Telemetry:PrometheusPath '{options.PrometheusPath}' must be a path starting with '/' (e.g. /metrics).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
