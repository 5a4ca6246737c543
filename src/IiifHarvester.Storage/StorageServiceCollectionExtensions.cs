using IiifHarvester.Storage.Cluster;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Images;
using IiifHarvester.Storage.PostgreSql;
using IiifHarvester.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Storage;

/// <summary>Registers the store.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the store (documents, change log, checkpoints, image services) on the provider <c>Storage:Provider</c>
    /// names: SQLite at <c>Storage:DatabasePath</c> by default (the host puts it at <c>{Data:Directory}/store.db</c>
    /// unless configured; see <c>DataFolder</c>), or PostgreSQL at <c>Storage:ConnectionString</c>.
    /// </summary>
    public static IServiceCollection AddIiifStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        var provider = configuration.GetValue($"{StorageOptions.Section}:Provider", StorageProvider.Sqlite);
        if (provider == StorageProvider.PostgreSql)
        {
            services.TryAddSingleton(sp => new PostgreSqlDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, sp.GetRequiredService<TimeProvider>()));
            services.TryAddSingleton<IDocumentStore, PostgreSqlDocumentStore>();
            services.TryAddSingleton<IImageServiceCatalog, PostgreSqlImageServiceCatalog>();
            services.TryAddSingleton<IClusterNodes, PostgreSqlClusterNodes>();
            services.TryAddSingleton<IHostSlots, PostgreSqlHostSlots>();
        }
        else
        {
            services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value, sp.GetService<ISqliteCommitFilter>()));
            services.TryAddSingleton<IDocumentStore, SqliteDocumentStore>();
            services.TryAddSingleton<IImageServiceCatalog, SqliteImageServiceCatalog>();
            services.TryAddSingleton<IClusterNodes, SqliteClusterNodes>();
        }

        return services;
    }
}
