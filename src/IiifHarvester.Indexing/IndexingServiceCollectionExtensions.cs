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
    /// <see cref="IndexingOptions"/> bound to the <c>Indexing</c> section; the index directory defaults to
    /// <c>{Data:Directory}/index</c> (<c>Data:Directory</c> defaults to <c>./data</c>).
    /// </summary>
    public static IServiceCollection AddIiifIndexing(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<IndexingOptions>()
            .Bind(configuration.GetSection(IndexingOptions.SectionName))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Directory))
                {
                    var dataDirectory = configuration["Data:Directory"];
                    options.Directory = Path.Combine(string.IsNullOrWhiteSpace(dataDirectory) ? "./data" : dataDirectory, "index");
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IndexingOptions>, IndexingOptionsValidator>());
        services.TryAddSingleton<SearchIndex>();
        services.TryAddSingleton<ISearchIndex>(sp => sp.GetRequiredService<SearchIndex>());
        services.TryAddSingleton<IIndexHandle>(sp => sp.GetRequiredService<SearchIndex>());
        services.TryAddSingleton<IContentSearch, ContentSearch>();
        return services;
    }
}
