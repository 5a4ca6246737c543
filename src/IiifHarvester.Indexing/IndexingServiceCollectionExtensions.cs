using IiifHarvester.Indexing.Search;
using IiifHarvester.Indexing.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Indexing;

/// <summary>Registers the index.</summary>
public static class IndexingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISearchIndex"/> (the single writer) and <see cref="IContentSearch"/> (searching), with
    /// <see cref="IndexingOptions"/> bound to the <c>Indexing</c> section; the index directory is
    /// <c>Indexing:Directory</c>, which the host puts at <c>{Data:Directory}/index</c> unless configured.
    /// </summary>
    public static IServiceCollection AddIiifIndexing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IndexingOptions>()
            .Bind(configuration.GetSection(IndexingOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IndexingOptions>, IndexingOptionsValidator>());
        services.TryAddSingleton<SearchIndex>();
        services.TryAddSingleton<ISearchIndex>(sp => sp.GetRequiredService<SearchIndex>());
        services.TryAddSingleton<IIndexHandle>(sp => sp.GetRequiredService<SearchIndex>());
        services.TryAddSingleton<IContentSearch, ContentSearch>();
        return services;
    }
}
