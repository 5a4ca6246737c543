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

    /// <summary>
    /// Manifests in flight at once per source. Requests to each host are still paced by the source's politeness
    /// (<c>MaxConcurrency</c>, <c>RequestsPerSecond</c>, Crawl-delay); more manifests in flight than requests allowed
    /// keeps the allowed requests busy while other manifests are parsed and stored.
    /// </summary>
    /// <value>Defaults to 64.</value>
    public int Parallelism { get; set; } = 64;

    /// <summary>
    /// How often the index catches up with the store while a harvest runs. Each catch-up ends in a commit, and
    /// commits every second cost a third more CPU on a large harvest (many small segments to merge) than every ten.
    /// </summary>
    /// <value>Defaults to ten seconds.</value>
    public TimeSpan IndexInterval { get; set; } = TimeSpan.FromSeconds(10);

}
