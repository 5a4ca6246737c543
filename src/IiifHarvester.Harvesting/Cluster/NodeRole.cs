namespace IiifHarvester.Harvesting.Cluster;

/// <summary>What a node of a cluster does (<c>serve --role</c>).</summary>
public enum NodeRole
{
    /// <summary>Schedules and harvests sources, indexes and serves: the single-node default.</summary>
    All = 0,

    /// <summary>
    /// Schedules and harvests sources (Quartz, clustered on a shared store). It keeps its own index too (the harvest
    /// indexes as it goes) and answers every endpoint as an <see cref="All"/> node does; it differs in intent, and in
    /// being reported as a harvest node: send search traffic to search nodes.
    /// </summary>
    Harvest = 1,

    /// <summary>Harvests nothing: follows the shared change log into its own index and serves searches.</summary>
    Search = 2,
}
