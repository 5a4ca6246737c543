using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Images;
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
    /// Adds the SQLite store (documents, change log, checkpoints, image services) under the data directory
    /// (<c>Data:Directory</c>, default <c>./data</c>) unless <c>Storage:DatabasePath</c> says otherwise.
    /// </summary>
    public static IServiceCollection AddIiifStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.DatabasePath))
                {
                    o.DatabasePath = Path.Combine(configuration["Data:Directory"] ?? "data", "store.db");
                }
            });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new SqliteDatabase(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<IDocumentStore, SqliteDocumentStore>();
        services.TryAddSingleton<IImageServiceCatalog, SqliteImageServiceCatalog>();
        return services;
    }
}
