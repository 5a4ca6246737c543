using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Harvesting.Scheduling;
using IiifHarvester.Harvesting.Sources;
using IiifHarvester.Harvesting.Status;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Quartz;

namespace IiifHarvester.Harvesting;

/// <summary>Registers harvesting: sources, the pipeline, the index feeder and the Quartz schedule.</summary>
public static class HarvestingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sources from configuration (<c>Sources</c>), the harvest pipeline, the index follower, and — when
    /// <c>Harvesting:Schedule</c> is true — a Quartz scheduler whose job store is SQLite under the data directory,
    /// so schedules and misfires survive a restart.
    /// </summary>
    public static IServiceCollection AddIiifHarvesting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HarvestingOptions>().Bind(configuration.GetSection(HarvestingOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SourceCatalogLoader.Load(configuration));
        services.TryAddSingleton<HarvestStatusBoard>();
        services.TryAddSingleton<IndexFeeder>();
        services.TryAddSingleton<IndexFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexFollower>());
        services.TryAddSingleton<StreamProbe>();
        services.TryAddSingleton<ManifestHarvester>();
        services.TryAddSingleton<CollectionHarvester>();
        services.TryAddSingleton<ISourceHarvester, SourceHarvester>();
        services.TryAddSingleton<HarvestTrigger>();

        var schedule = configuration.GetValue($"{HarvestingOptions.Section}:Schedule", true);
        var dataDirectory = configuration["Data:Directory"] ?? "data";
        Directory.CreateDirectory(dataDirectory);
        var quartzDb = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "quartz.db"), Pooling = true }.ToString();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "IiifHarvester";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                store.UseSqlite(quartzDb);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
        });
        if (schedule)
        {
            services.AddQuartzHostedService(o =>
            {
                o.WaitForJobsToComplete = false;
                o.AwaitApplicationStarted = true;
            });
            services.AddHostedService<SourceScheduleSynchronizer>();
        }

        return services;
    }
}
