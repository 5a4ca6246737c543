namespace IiifHarvester.Harvesting.Cluster;

/// <summary>How this node takes part in a cluster (nodes sharing a PostgreSQL store); the defaults suit one node.</summary>
public sealed class ClusterOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Cluster";

    /// <summary>What this node does.</summary>
    /// <value>Defaults to <see cref="NodeRole.All"/>.</value>
    public NodeRole Role { get; set; } = NodeRole.All;

    /// <summary>The node's name in <c>/admin/status</c>; unique in the cluster.</summary>
    /// <value>
    /// Defaults to <c>host/process-id</c>, the start of the holder a source's run lease names (<c>host/process-id/run</c>).
    /// </value>
    public string NodeName { get; set; } = string.Empty;

    /// <summary>
    /// How often the index reads the shared change log for changes other nodes made (this node's own harvests
    /// signal it at once).
    /// </summary>
    /// <value>Defaults to 30 seconds on SQLite and 2 seconds on PostgreSQL.</value>
    public TimeSpan? PollInterval { get; set; }

    /// <summary>How often the node records its heartbeat and index lag in the store.</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A search node lagging the change log by more changes than this reports itself unready on <c>/healthz</c>.</summary>
    /// <value>Defaults to 1000.</value>
    public long MaxLag { get; set; } = 1000;

    /// <summary>How often a clustered Quartz scheduler checks in (PostgreSQL only).</summary>
    /// <value>Defaults to 5 seconds.</value>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long past a missed check-in the other nodes wait before they take a dead node's runs over (PostgreSQL
    /// only); a harvest that was running there is recovered and starts again from its checkpoint.
    /// </summary>
    /// <value>Defaults to 15 seconds.</value>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(15);
}
