namespace IiifHarvester.Storage.Cluster;

/// <summary>This process as a node of the cluster sharing the store: what it last recorded of itself, and the others.</summary>
public interface ILocalNode
{
    /// <summary>This node's name.</summary>
    string NodeName { get; }

    /// <summary>This node's role (<c>All</c>, <c>Harvest</c> or <c>Search</c>).</summary>
    string Role { get; }

    /// <summary>Changes the index was behind the change log at the last heartbeat; -1 before the first.</summary>
    long Lag { get; }

    /// <summary>Whether this node should take search traffic: a search node lagging more than the configured changes is not.</summary>
    bool IsReady { get; }

    /// <summary>The nodes that recorded a heartbeat recently, as each last recorded itself.</summary>
    Task<IReadOnlyList<NodeHeartbeat>> ListNodesAsync(CancellationToken cancellationToken);
}
