namespace IiifHarvester.Harvesting;

/// <summary>How harvesting runs.</summary>
public sealed class HarvestingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Harvesting";

    /// <summary>Whether the Quartz scheduler runs the sources' schedules (off for one-shot verbs).</summary>
    /// <value>Defaults to true.</value>
    public bool Schedule { get; set; } = true;

    /// <summary>How often a running harvest logs its progress.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Manifests fetched at once per source (each host's own politeness limits still apply).</summary>
    /// <value>Defaults to 16.</value>
    public int Parallelism { get; set; } = 16;

    /// <summary>The key that admin endpoints require in <c>X-Admin-Key</c>; admin endpoints are off when empty.</summary>
    public string? AdminKey { get; set; }
}
