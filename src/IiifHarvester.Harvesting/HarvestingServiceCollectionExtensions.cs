using IiifHarvester.Harvesting.Cluster;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Harvesting.Scheduling;
using IiifHarvester.Sources;
using IiifHarvester.Harvesting.Status;
using IiifHarvester.Sources.Status;
using IiifHarvester.Storage;
using IiifHarvester.Storage.Cluster;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;

namespace IiifHarvester.Harvesting;

/// <summary>Registers harvesting: sources, the pipeline, the index feeder and the Quartz schedule.</summary>
public static class HarvestingServiceCollectionExtensions
{
    /// <summary>
    /// Adds the sources from configuration (<c>Sources</c>), the harvest pipeline, the index follower, and — when
    /// <c>Harvesting:Schedule</c> is true and the node's role (<c>Cluster:Role</c>) is not <c>Search</c> — a Quartz
    /// scheduler whose job store is SQLite under the data directory, or, on a PostgreSQL store, clustered in the
    /// store's database; schedules and misfires survive a restart either way.
    /// </summary>
    public static IServiceCollection AddIiifHarvesting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HarvestingOptions>().Bind(configuration.GetSection(HarvestingOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HarvestingOptions>, HarvestingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(_ => SourceCatalogLoader.Load(configuration));
        services.TryAddSingleton<HarvestStatusBoard>();
        services.TryAddSingleton<IHarvestStatus>(sp => sp.GetRequiredService<HarvestStatusBoard>());
        services.TryAddSingleton<WriteHealth>();
        services.TryAddSingleton<IndexFeeder>();
        services.TryAddSingleton<IndexFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexFollower>());
        services.TryAddSingleton<StreamProbe>();
        services.TryAddSingleton<FailedDocuments>();
        services.TryAddSingleton<ManifestHarvester>();
        services.TryAddSingleton<CollectionHarvester>();
        services.TryAddSingleton<ISourceHarvester, SourceHarvester>();
        services.TryAddSingleton<HarvestTrigger>();
        services.TryAddSingleton<IHarvestTrigger>(sp => sp.GetRequiredService<HarvestTrigger>());

        var provider = configuration.GetValue($"{StorageOptions.Section}:Provider", StorageProvider.Sqlite);
        services.AddOptions<ClusterOptions>()
            .Bind(configuration.GetSection(ClusterOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.NodeName))
                {
                    // Spelled as run leases name their holder (host/process/run), so a refusal in /admin/status
                    // that names the holder of a source's lease reads as this node's name and a run.
                    o.NodeName = $"{Environment.MachineName}/{Environment.ProcessId}";
                }

                o.PollInterval ??= provider == StorageProvider.PostgreSql ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(30);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        if (provider == StorageProvider.PostgreSql)
        {
            // Nodes on one database pace each institution host together (the crawler's gates ask this after their own).
            services.TryAddSingleton<IiifHarvester.Crawling.Politeness.ISharedHostPace, SharedHostPace>();
        }

        services.TryAddSingleton<NodeHeartbeatService>();
        services.TryAddSingleton<ILocalNode>(sp => sp.GetRequiredService<NodeHeartbeatService>());
        services.AddHostedService(sp => sp.GetRequiredService<NodeHeartbeatService>());

        var role = configuration.GetValue($"{ClusterOptions.Section}:Role", NodeRole.All);
        var schedule = configuration.GetValue($"{HarvestingOptions.Section}:Schedule", true) && role != NodeRole.Search;
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                // Every node has the same scheduler name and its own instance id: one clustered scheduler.
                o.InstanceName = "IiifHarvester";
                o.GenerateInstanceId = true;
            });
            q.UsePersistentStore(store =>
            {
                if (provider == StorageProvider.PostgreSql)
                {
                    // The job store in the cluster's database: each source's job runs on one node at a time across
                    // the cluster ([DisallowConcurrentExecution] is enforced in the shared tables), and a node that
                    // stops checking in has its running jobs (RequestRecovery) fired again on another node.
                    store.UsePostgres(configuration[$"{StorageOptions.Section}:ConnectionString"] ?? string.Empty);
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = cluster.CheckinInterval;
                        c.CheckinMisfireThreshold = cluster.CheckinMisfireThreshold;
                    });
                }
                else
                {
                    var path = configuration[$"{HarvestingOptions.Section}:{nameof(HarvestingOptions.SchedulerDatabasePath)}"];
                    if (string.IsNullOrWhiteSpace(path))
                    {
                        throw new InvalidOperationException("Harvesting:SchedulerDatabasePath must be set (the host sets it to {Data:Directory}/quartz.db).");
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                    store.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
                }

                store.UseSystemTextJsonSerializer();

                // Creates only what is missing; several nodes starting at once find the schema the first one made.
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
