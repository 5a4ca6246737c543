using Microsoft.Extensions.Options;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>Checks <see cref="CrawlingOptions"/> on start and reports every problem at once.</summary>
internal sealed class CrawlingOptionsValidator : IValidateOptions<CrawlingOptions>
{
    public ValidateOptionsResult Validate(string? name, CrawlingOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ProductName) || options.ProductName.Any(c => char.IsWhiteSpace(c) || c == '/'))
        {
            errors.Add("Crawling:ProductName must be a single token without spaces or '/'.");
        }

        if (!string.IsNullOrWhiteSpace(options.ContactUrl)
            && (!Uri.TryCreate(options.ContactUrl, UriKind.Absolute, out var contact)
                || contact.Scheme is not ("http" or "https" or "mailto")))
        {
            errors.Add($"Crawling:ContactUrl '{options.ContactUrl}' must be an absolute http(s) or mailto URI.");
        }

        Positive(errors, options.Timeout, nameof(options.Timeout), TimeSpan.FromMilliseconds(10));
        Positive(errors, options.ConnectTimeout, nameof(options.ConnectTimeout), TimeSpan.FromMilliseconds(10));
        Positive(errors, options.CircuitBreakerSamplingDuration, nameof(options.CircuitBreakerSamplingDuration), TimeSpan.FromMilliseconds(500));
        Positive(errors, options.CircuitBreakerBreakDuration, nameof(options.CircuitBreakerBreakDuration), TimeSpan.FromMilliseconds(500));
        if (options.MaxBytes <= 0 || options.MaxDecompressedBytes <= 0 || options.MaxRobotsBytes <= 0)
        {
            errors.Add("Crawling:MaxBytes, MaxDecompressedBytes and MaxRobotsBytes must be positive.");
        }

        if (options.MaxRedirects < 0 || options.MaxRetries < 0 || options.MaxRetries > 20)
        {
            errors.Add("Crawling:MaxRedirects must be 0 or more and MaxRetries between 0 and 20.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.MaxRetryDelay < options.RetryBaseDelay)
        {
            errors.Add("Crawling:RetryBaseDelay must be 0 or more and MaxRetryDelay at least RetryBaseDelay.");
        }

        if (options.CircuitBreakerFailureRatio is <= 0 or > 1 || options.CircuitBreakerMinimumThroughput < 2)
        {
            errors.Add("Crawling:CircuitBreakerFailureRatio must be in (0, 1] and CircuitBreakerMinimumThroughput at least 2.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, TimeSpan value, string name, TimeSpan minimum)
    {
        if (value < minimum)
        {
            errors.Add($"Crawling:{name} must be at least {minimum}.");
        }
    }
}
