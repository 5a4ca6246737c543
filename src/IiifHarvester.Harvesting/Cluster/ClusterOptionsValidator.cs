using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Cluster;

/// <summary>Checks <see cref="ClusterOptions"/> on start and reports every problem at once.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Role))
        {
            errors.Add($"Cluster:Role must be All, Harvest or Search (it is {options.Role}).");
        }

        Positive(errors, options.HeartbeatInterval, nameof(options.HeartbeatInterval));
        Positive(errors, options.PollInterval ?? TimeSpan.Zero, nameof(options.PollInterval));
        Positive(errors, options.CheckinInterval, nameof(options.CheckinInterval));
        Positive(errors, options.CheckinMisfireThreshold, nameof(options.CheckinMisfireThreshold));
        if (options.MaxLag < 0)
        {
            errors.Add($"Cluster:MaxLag must not be negative (it is {options.MaxLag}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Positive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"Cluster:{name} must be positive (it is {value}).");
        }
    }
}
