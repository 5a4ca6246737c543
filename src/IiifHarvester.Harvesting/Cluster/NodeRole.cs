namespace IiifHarvester.Harvesting.Cluster;

/// <summary>What a node of a cluster does (<c>serve --role</c>).</summary>
public enum NodeRole
{
    /// <summary>Schedules and harvests sources, indexes and serves: the single-node default.</summary>
    All = 0,

    /// <summary>Schedules and harvests sources (Quartz, clustered on a shared store), and serves.</summary>
    Harvest = 1,

    /// <summary>Harvests nothing: follows the shared change log into its own index and serves searches.</summary>
    Search = 2,
}
