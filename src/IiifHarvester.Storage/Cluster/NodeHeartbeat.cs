namespace IiifHarvester.Storage.Cluster;

/// <summary>What a node last said of itself: alive at <see cref="SeenAt"/>, its index at <see cref="IndexedSequence"/>.</summary>
public sealed record NodeHeartbeat
{
    /// <summary>The node's name (unique in the cluster).</summary>
    public required string Name { get; init; }

    /// <summary>Its role (<c>All</c>, <c>Harvest</c>, <c>Search</c>).</summary>
    public required string Role { get; init; }

    /// <summary>When the node started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it last recorded this.</summary>
    public required DateTimeOffset SeenAt { get; init; }

    /// <summary>The change sequence its index holds.</summary>
    public required long IndexedSequence { get; init; }

    /// <summary>The store's last change sequence when it looked.</summary>
    public required long LastSequence { get; init; }

    /// <summary>Changes its index is behind the log.</summary>
    public long Lag => Math.Max(0, LastSequence - IndexedSequence);
}
