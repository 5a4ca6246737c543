namespace IiifHarvester.Storage.Cluster;

/// <summary>The nodes sharing the store, as each records itself: for <c>/admin/status</c> across a cluster.</summary>
public interface IClusterNodes
{
    /// <summary>Records (or replaces) a node's heartbeat.</summary>
    Task BeatAsync(NodeHeartbeat heartbeat, CancellationToken cancellationToken);

    /// <summary>Every node that recorded a heartbeat since <paramref name="since"/>, by name.</summary>
    Task<IReadOnlyList<NodeHeartbeat>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
