using System.Collections.Concurrent;
using System.Diagnostics;
using IiifHarvester.Crawling.Discovery;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Harvesting.Sources;
using IiifHarvester.Harvesting.Status;
using IiifHarvester.Storage.Documents;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// One harvest of one source: walk its Discovery streams and collections, fetch what changed into the store (with
/// the annotation lists and OCR files each manifest references), advance checkpoints only past what is stored,
/// then bring the index up to the store.
/// </summary>
internal sealed partial class SourceHarvester : ISourceHarvester
{
    private const int MaxErrors = 50;
    private static readonly TimeSpan ApplyInterval = TimeSpan.FromSeconds(1);

    private readonly IDiscoveryWalker _walker;
    private readonly StreamProbe _probe;
    private readonly ManifestHarvester _manifests;
    private readonly CollectionHarvester _collections;
    private readonly IDocumentStore _store;
    private readonly IndexFeeder _feeder;
    private readonly HarvestStatusBoard _status;
    private readonly HarvestingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SourceHarvester> _logger;

    public SourceHarvester(
        IDiscoveryWalker walker,
        StreamProbe probe,
        ManifestHarvester manifests,
        CollectionHarvester collections,
        IDocumentStore store,
        IndexFeeder feeder,
        HarvestStatusBoard status,
        IOptions<HarvestingOptions> options,
        TimeProvider time,
        ILogger<SourceHarvester> logger)
    {
        _walker = walker;
        _probe = probe;
        _manifests = manifests;
        _collections = collections;
        _store = store;
        _feeder = feeder;
        _status = status;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public async Task<HarvestRunResult> HarvestAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var activity = HarvestTelemetry.Source.StartActivity("harvest " + source.Key);
        var run = new HarvestRun(source, new HarvestCounters(), new ConcurrentQueue<string>(), source.ToFetchPolicy());
        var startedAt = _time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        _status.Started(source.Key, startedAt, run.Counters);
        LogStarted(source.Key);
        var roots = 0;
        var rootsFailed = 0;
        using var progress = new Timer(
            _ => LogProgressLine(source.Key, run.Counters.Snapshot(), stopwatch.Elapsed, "progress"),
            null,
            _options.ProgressInterval,
            _options.ProgressInterval);
        // The index follows the store while the run goes on (each manifest's one change is logged after its full
        // text), so parsing and indexing overlap the fetching instead of following it.
        using var stopIndexing = new CancellationTokenSource();
        var indexing = FollowAsync(stopIndexing.Token);
        try
        {
            foreach (var stream in source.Streams)
            {
                roots++;
                if (!await HarvestStreamAsync(run, stream, cancellationToken))
                {
                    rootsFailed++;
                }
            }

            foreach (var collection in source.Collections)
            {
                roots++;
                if (!await _collections.HarvestAsync(run, collection, reconcile: source.Streams.Count == 0, cancellationToken))
                {
                    rootsFailed++;
                }
            }

            await Parallel.ForEachAsync(
                source.Manifests,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _options.Parallelism },
                async (manifest, ct) => await _manifests.HarvestAsync(run, manifest.AbsoluteUri, HarvestReason.Listed, ct));
            roots += source.Manifests.Count;
        }
        finally
        {
            // Whatever reached the store is indexed, even when the run was cut short.
            await stopIndexing.CancelAsync();
            await indexing;
            await _feeder.CatchUpAsync(CancellationToken.None);
        }

        var result = new HarvestRunResult
        {
            SourceKey = source.Key,
            StartedAt = startedAt,
            FinishedAt = _time.GetUtcNow(),
            Counts = run.Counters.Snapshot(),
            SourceFailed = roots > 0 && rootsFailed == roots,
            Errors = run.Errors.ToList(),
        };
        _status.Finished(result);
        HarvestTelemetry.Record(result);
        LogProgressLine(source.Key, result.Counts, stopwatch.Elapsed, result.SourceFailed ? "failed" : "finished");
        return result;
    }

    private async Task FollowAsync(CancellationToken stop)
    {
        // Changes are applied to the index as they arrive (every second at most), so parsing and indexing run beside
        // the fetching; they are committed once per IndexInterval, since a commit flushes and fsyncs segments.
        var applyEvery = _options.IndexInterval < ApplyInterval ? _options.IndexInterval : ApplyInterval;
        var lastCommit = _time.GetTimestamp();
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(applyEvery, _time, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancelled midway: a batch under way is applied, and the final catch-up takes the rest.
                var commit = _time.GetElapsedTime(lastCommit) >= _options.IndexInterval;
                await _feeder.CatchUpAsync(commit, CancellationToken.None);
                if (commit)
                {
                    lastCommit = _time.GetTimestamp();
                }
            }
#pragma warning disable CA1031 // The run goes on; the final catch-up retries and reports.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogIndexingFailed(ex);
            }
        }
    }

    private async Task<bool> HarvestStreamAsync(HarvestRun run, Uri stream, CancellationToken cancellationToken)
    {
        var source = run.Source;
        var checkpointName = StreamCheckpoint.Name(stream);
        var checkpoint = StreamCheckpoint.Parse(await _store.GetCheckpointAsync(source.Key, checkpointName, cancellationToken));
        var reconcileDue = checkpoint.Newest is not null && _time.GetUtcNow() - (checkpoint.Reconciled ?? DateTimeOffset.MinValue) >= source.ReconcileEvery;

        // Probed before the walk: should the stream grow meanwhile, the state kept is the older one, and the next
        // probe sees a change rather than missing one.
        var (unchanged, lastPage) = await _probe.ProbeAsync(stream, checkpoint.LastPage, run.Policy, cancellationToken);
        run.Counters.PageWalked(lastPage is null ? 1 : 2);
        if (unchanged && checkpoint.Newest is not null && !reconcileDue)
        {
            return true;
        }

        var walk = await _walker.WalkAsync(
            stream,
            new DiscoveryWalkRequest { Checkpoint = checkpoint.Newest, Overlap = source.StreamOverlap },
            run.Policy,
            cancellationToken);
        run.Counters.PageWalked(walk.PagesWalked);
        foreach (var error in walk.Errors)
        {
            run.Error($"{stream}: {error}");
        }

        if (walk.PagesWalked == 0)
        {
            run.Error($"{stream}: the stream could not be read");
            return false;
        }

        // Changes processed in the overlap window last time are not fetched again (§3.5.2: processing is idempotent,
        // and this keeps a re-run with no upstream change down to the stream's own requests).
        var boundary = checkpoint.Boundary.ToHashSet(StringComparer.Ordinal);
        var pending = walk.Changes.Where(c => !boundary.Contains(KeyOf(c))).ToList();
        var failed = new ConcurrentBag<DiscoveredChange>();
        await Parallel.ForEachAsync(
            pending,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _options.Parallelism },
            async (change, ct) =>
            {
                if (!await ApplyChangeAsync(run, change, ct))
                {
                    failed.Add(change);
                }
            });

        if (!walk.Complete || walk.NewestActivityTime is null)
        {
            // A page failed: what was stored stays stored, but the checkpoint does not move past what was not seen.
            return true;
        }

        // The checkpoint advances only past changes that are all in the store: stop short of the oldest failure.
        var newest = walk.NewestActivityTime.Value;
        var oldestFailure = failed.Where(f => f.EndTime is not null).Select(f => f.EndTime!.Value).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        if (!failed.IsEmpty && oldestFailure == DateTimeOffset.MaxValue)
        {
            return true;
        }

        var advanceTo = oldestFailure <= newest ? oldestFailure.AddTicks(-1) : newest;
        if (checkpoint.Newest is { } previous && advanceTo < previous)
        {
            advanceTo = previous;
        }

        var window = advanceTo - source.StreamOverlap;
        var next = new StreamCheckpoint
        {
            Newest = advanceTo,
            Boundary = walk.Changes
                .Where(c => c.EndTime is { } t && t >= window && t <= advanceTo && !failed.Contains(c))
                .Select(KeyOf)
                .ToList(),
            Reconciled = checkpoint.Reconciled ?? _time.GetUtcNow(),

            // Only a checkpoint that covers everything the stream said may vouch for its last page.
            LastPage = failed.IsEmpty ? lastPage : null,
        };

        if (reconcileDue)
        {
            // Streams that only ever say Create never say what disappeared: look at every manifest we hold.
            await _manifests.ReconcileAsync(run, cancellationToken);
            next = next with { Reconciled = _time.GetUtcNow() };
        }

        await _store.SetCheckpointAsync(source.Key, checkpointName, next.Serialize(), cancellationToken);
        return true;
    }

    private async Task<bool> ApplyChangeAsync(HarvestRun run, DiscoveredChange change, CancellationToken cancellationToken)
    {
        if (change.Action == ChangeAction.Delete)
        {
            if (await _store.DeleteAsync(change.ObjectId, _time.GetUtcNow(), cancellationToken) is not null)
            {
                run.Counters.DocumentDeleted();
            }

            return true;
        }

        var reason = string.Equals(change.ObjectType, "Collection", StringComparison.OrdinalIgnoreCase)
            ? HarvestReason.StreamCollection
            : HarvestReason.StreamChange;
        return await _manifests.HarvestAsync(run, change.ObjectId, reason, cancellationToken);
    }

    private static string KeyOf(DiscoveredChange change) =>
        $"{change.Action}|{change.ObjectId}|{change.EndTime?.ToUnixTimeMilliseconds()}";

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Indexing during the harvest failed; the catch-up at the end retries")]
    private partial void LogIndexingFailed(Exception exception);

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Harvest of '{Source}' started")]
    private partial void LogStarted(string source);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Harvest of '{Source}' {State}: {PagesWalked} pages walked, {Fetched} fetched, {Unchanged} unchanged, {Added} added, {Updated} updated, {Deleted} deleted, {Failed} failed, {Rate:F1} documents/s, {Elapsed}")]
    private partial void LogProgress(string source, string state, long pagesWalked, long fetched, long unchanged, long added, long updated, long deleted, long failed, double rate, TimeSpan elapsed);

    private void LogProgressLine(string source, HarvestCountsSnapshot c, TimeSpan elapsed, string state)
    {
        var rate = c.Fetched / Math.Max(0.001, elapsed.TotalSeconds);
        LogProgress(source, state, c.PagesWalked, c.Fetched, c.Unchanged, c.Added, c.Updated, c.Deleted, c.Failed, rate, elapsed);
    }
}
