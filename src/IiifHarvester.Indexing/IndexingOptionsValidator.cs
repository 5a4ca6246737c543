using Microsoft.Extensions.Options;

namespace IiifHarvester.Indexing;

/// <summary>Checks <see cref="IndexingOptions"/> on start and reports every failure at once.</summary>
internal sealed class IndexingOptionsValidator : IValidateOptions<IndexingOptions>
{
    public ValidateOptionsResult Validate(string? name, IndexingOptions options)
    {
        var failures = new List<string>();
        if (!options.InMemory && string.IsNullOrWhiteSpace(options.Directory))
        {
            failures.Add("Indexing:Directory must be set unless Indexing:InMemory is true.");
        }

        if (options.RamBufferMegabytes is < 1 or > 2048)
        {
            failures.Add("Indexing:RamBufferMegabytes must be between 1 and 2048.");
        }

        if (options.RefreshInterval < TimeSpan.Zero)
        {
            failures.Add("Indexing:RefreshInterval must not be negative.");
        }

        Check(failures, options.PageSize, 1, 10_000, "PageSize");
        Check(failures, options.MaxQueryLength, 1, 4096, "MaxQueryLength");
        Check(failures, options.MaxQueryTerms, 1, 256, "MaxQueryTerms");
        Check(failures, options.AutocompleteLimit, 1, 1000, "AutocompleteLimit");
        Check(failures, options.AutocompleteScanLimit, 1, 1_000_000, "AutocompleteScanLimit");
        Check(failures, options.CatalogPageSize, 1, 1000, "CatalogPageSize");
        Check(failures, options.FacetLimit, 1, 1000, "FacetLimit");
        Check(failures, options.ContextLength, 0, 1000, "ContextLength");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(List<string> failures, int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            failures.Add($"Indexing:{name} must be between {min} and {max} (was {value}).");
        }
    }
}
