using Microsoft.Extensions.Options;

namespace IiifHarvester.Images;

/// <summary>Checks <see cref="ImagesOptions"/> on start, reporting every problem at once.</summary>
internal sealed class ImagesOptionsValidator : IValidateOptions<ImagesOptions>
{
    public ValidateOptionsResult Validate(string? name, ImagesOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CacheDirectory))
        {
            failures.Add("Images:CacheDirectory is required.");
        }

        if (options.MaxCacheBytes < 1024 * 1024)
        {
            failures.Add("Images:MaxCacheBytes must be at least 1 MiB.");
        }

        if (options.Freshness <= TimeSpan.Zero)
        {
            failures.Add("Images:Freshness must be positive.");
        }

        if (options.ErrorTtl < TimeSpan.Zero)
        {
            failures.Add("Images:ErrorTtl must not be negative.");
        }

        if (options.MaxUpstreamBytes < 1024)
        {
            failures.Add("Images:MaxUpstreamBytes must be at least 1 KiB.");
        }

        if (options.UpstreamTimeout <= TimeSpan.Zero)
        {
            failures.Add("Images:UpstreamTimeout must be positive.");
        }

        if (!options.RoutePrefix.StartsWith('/') || options.RoutePrefix.EndsWith('/'))
        {
            failures.Add("Images:RoutePrefix must start with '/' and not end with one.");
        }

        if (options.MaxComposedArea < 1 || options.MaxComposedTiles < 1 || options.UpstreamParallelism < 1)
        {
            failures.Add("Images:MaxComposedArea, MaxComposedTiles and UpstreamParallelism must be positive.");
        }

        if (options.MaxDecodedPixels < options.MaxComposedArea)
        {
            failures.Add("Images:MaxDecodedPixels must be at least Images:MaxComposedArea.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
