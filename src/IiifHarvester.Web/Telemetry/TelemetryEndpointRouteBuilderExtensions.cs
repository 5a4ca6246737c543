using IiifHarvester.Web.Admin;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Telemetry;

/// <summary>Maps the Prometheus scrape endpoint.</summary>
public static class TelemetryEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET /metrics</c> (<see cref="TelemetryOptions.PrometheusPath"/>) in the Prometheus text format (or
    /// OpenMetrics when asked) when <see cref="TelemetryOptions.PrometheusEnabled"/>; behind the admin key when
    /// <see cref="TelemetryOptions.PrometheusRequiresAdminKey"/>.
    /// </summary>
    public static IEndpointRouteBuilder MapIiifTelemetry(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!options.PrometheusEnabled)
        {
            return endpoints;
        }

        endpoints.MapPrometheusScrapingEndpoint(
            options.PrometheusPath,
            meterProvider: null,
            configureBranchedPipeline: options.PrometheusRequiresAdminKey ? RequireAdminKey : null,
            optionsName: null);
        return endpoints;
    }

    private static void RequireAdminKey(IApplicationBuilder branch) => branch.Use(async (context, next) =>
    {
        if (AdminKeyFilter.IsAdmin(context))
        {
            await next(context);
            return;
        }

        await Results.Problem($"a valid {AdminKeyFilter.Header} header is required", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
    });
}
