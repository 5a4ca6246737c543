using IiifHarvester.Harvesting;
using IiifHarvester.Images;
using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Threading;
using IiifHarvester.Sources;
using IiifHarvester.Storage;
using IiifHarvester.Web;
using IiifHarvester.Web.Telemetry;

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
        ApplyBackgroundPolicy(builder.Configuration);

        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddIiifStorage(configuration);
        services.AddIiifCrawling(configuration);
        services.AddIiifIndexing(configuration);
        services.AddIiifHarvesting(configuration);
        services.AddIiifImages(configuration);
        services.AddIiifWeb(configuration);
        services.AddIiifTelemetry(configuration);
        services.AddHostedService<GarbageCollectionReport>();
        return builder;
    }

    /// <summary>
    /// Sets how background threads are lowered (<see cref="HarvestingOptions.BackgroundPolicy"/>) where the configuration
    /// names a policy; the process-wide threads lower themselves as they start, so this runs before any of them does.
    /// Without the setting the process keeps what it has (the default, or what a benchmark set).
    /// </summary>
    private static void ApplyBackgroundPolicy(IConfiguration configuration)
    {
        var key = $"{HarvestingOptions.Section}:{nameof(HarvestingOptions.BackgroundPolicy)}";
        if (configuration[key] is not { } value)
        {
            return;
        }

        if (!Enum.TryParse<BackgroundPolicy>(value.Trim(), ignoreCase: true, out var policy) || !Enum.IsDefined(policy))
        {
            throw new InvalidOperationException($"{key} is \"{value}\"; it must be Idle, Nice or Normal.");
        }

        BackgroundPriority.Apply(policy);
    }

    /// <summary>Adds the HTTP pipeline and every endpoint group.</summary>
    public static WebApplication MapEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseIiifHttpEdge();
        app.MapIiifHarvester();
        app.MapIiifTelemetry();
        return app;
    }
}
