using IiifHarvester.Indexing;
using IiifHarvester.Storage.Cluster;
using IiifHarvester.Storage.Documents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Cluster;

/// <summary>
/// Records this node in the store every <see cref="ClusterOptions.HeartbeatInterval"/>: its role, and how far its
/// index is behind the change log. <c>/admin/status</c> lists every node from these records and <c>/healthz</c>
/// reads this node's lag from <see cref="Lag"/>.
/// </summary>
public sealed partial class NodeHeartbeatService : BackgroundService, ILocalNode
{
    private readonly IClusterNodes _nodes;
    private readonly IDocumentStore _store;
    private readonly ISearchIndex _index;
    private readonly TimeProvider _time;
    private readonly ClusterOptions _options;
    private readonly ILogger<NodeHeartbeatService> _logger;
    private readonly DateTimeOffset _startedAt;
    private long _lag = -1;

    public NodeHeartbeatService(
        IClusterNodes nodes, IDocumentStore store, ISearchIndex index, TimeProvider time, IOptions<ClusterOptions> options, ILogger<NodeHeartbeatService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _nodes = nodes;
        _store = store;
        _index = index;
        _time = time;
        _options = options.Value;
        _logger = logger;
        _startedAt = time.GetUtcNow();
    }

    /// <summary>This node's name.</summary>
    public string NodeName => _options.NodeName;

    /// <summary>This node's role.</summary>
    public NodeRole Role => _options.Role;

    string ILocalNode.Role => _options.Role.ToString();

    /// <summary>Changes the index was behind the log at the last look; -1 before the first.</summary>
    public long Lag => Interlocked.Read(ref _lag);

    /// <summary>Whether this node should take search traffic: a search node lagging more than the configured changes is not.</summary>
    public bool IsReady => _options.Role != NodeRole.Search || (Lag >= 0 && Lag <= _options.MaxLag);

    /// <summary>The nodes seen within three heartbeats.</summary>
    public Task<IReadOnlyList<NodeHeartbeat>> ListNodesAsync(CancellationToken cancellationToken) =>
        _nodes.ListAsync(_time.GetUtcNow() - (3 * _options.HeartbeatInterval), cancellationToken);

    /// <summary>
    /// Looks at the lag now and records the heartbeat. A store that cannot be written (read-only, locked, full) only
    /// loses the record, which is logged: what asked (the status page) still answers, and the lag is still current.
    /// </summary>
    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var last = await _store.GetLastSequenceAsync(cancellationToken);
        var indexed = _index.CommittedSequence;
        var heartbeat = new NodeHeartbeat
        {
            Name = _options.NodeName,
            Role = _options.Role.ToString(),
            StartedAt = _startedAt,
            SeenAt = _time.GetUtcNow(),
            IndexedSequence = indexed,
            LastSequence = last,
        };
        Interlocked.Exchange(ref _lag, heartbeat.Lag);
        try
        {
            await _nodes.BeatAsync(heartbeat, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecordFailed(ex);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be restarting: the node keeps serving what it has and beats again next tick.
                LogFailed(ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 2131, Level = LogLevel.Warning, Message = "Recording this node's heartbeat failed; retrying next beat")]
    private partial void LogFailed(Exception exception);

    [LoggerMessage(EventId = 2130, Level = LogLevel.Warning, Message = "This node's heartbeat could not be recorded (the store cannot be written); retrying next beat")]
    private partial void LogRecordFailed(Exception exception);
}
