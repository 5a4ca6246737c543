using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting;

/// <summary>Checks <see cref="HarvestingOptions"/> on start and reports every problem at once.</summary>
internal sealed class HarvestingOptionsValidator : IValidateOptions<HarvestingOptions>
{
    public ValidateOptionsResult Validate(string? name, HarvestingOptions options)
    {
        var errors = new List<string>();
        if (options.Parallelism is < 1 or > 1024)
        {
            errors.Add($"Harvesting:Parallelism must be between 1 and 1024 (it is {options.Parallelism}).");
        }

        AtLeast(errors, options.ProgressInterval, nameof(options.ProgressInterval), TimeSpan.FromSeconds(1));
        AtLeast(errors, options.IndexInterval, nameof(options.IndexInterval), TimeSpan.FromMilliseconds(100));
        AtLeast(errors, options.LeaseDuration, nameof(options.LeaseDuration), TimeSpan.FromSeconds(3));
        AtLeast(errors, options.FailureRetryDelay, nameof(options.FailureRetryDelay), TimeSpan.FromSeconds(1));
        AtLeast(errors, options.StoreRetryDelay, nameof(options.StoreRetryDelay), TimeSpan.FromMilliseconds(100));
        if (options.StoreRetries is < 0 or > 100)
        {
            errors.Add($"Harvesting:StoreRetries must be between 0 and 100 (it is {options.StoreRetries}).");
        }

        if (options.FailureRetryMaxDelay < options.FailureRetryDelay)
        {
            errors.Add($"Harvesting:FailureRetryMaxDelay ({options.FailureRetryMaxDelay}) must be at least FailureRetryDelay ({options.FailureRetryDelay}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void AtLeast(List<string> errors, TimeSpan value, string name, TimeSpan minimum)
    {
        if (value < minimum)
        {
            errors.Add($"Harvesting:{name} must be at least {minimum} (it is {value}).");
        }
    }
}
