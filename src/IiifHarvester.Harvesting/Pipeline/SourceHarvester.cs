using System.Collections.Concurrent;
using System.Globalization;
using IiifHarvester.Crawling.Discovery;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Telemetry;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Indexing.Threading;
using IiifHarvester.Sources;
using IiifHarvester.Harvesting.Status;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Leases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// One harvest of one source: walk its Discovery streams and collections, fetch what changed into the store (with
/// the annotation lists and OCR files each manifest references), advance checkpoints only past what is stored,
/// then bring the index up to the store.
/// </summary>
internal sealed partial class SourceHarvester : ISourceHarvester
{
    private readonly IDiscoveryWalker _walker;
    private readonly StreamProbe _probe;
    private readonly ManifestHarvester _manifests;
    private readonly CollectionHarvester _collections;
    private readonly FailedDocuments _failures;
    private readonly IDocumentStore _store;
    private readonly IndexFollower _index;
    private readonly HarvestStatusBoard _status;
    private readonly WriteHealth _health;

    // The checkpoint (beside a stream's own) holding where in the change log the stream's unfinished walk began.
    private const string WalkMarkerSuffix = ":walk-from";

    // This harvester's name as a lease holder, and the sources it is running now (a second run in the same process
    // is refused here; one in another process or node by the lease in the store).
    private readonly string _owner = RunLease.NewOwner();
    private readonly ConcurrentDictionary<string, byte> _active = new(StringComparer.Ordinal);
    private readonly HarvestingOptions _options;
    private readonly TimeProvider _time;
    private readonly IEnumerable<IHarvestFollowUp> _followUps;
    private readonly ILogger<SourceHarvester> _logger;

    public SourceHarvester(
        IDiscoveryWalker walker,
        StreamProbe probe,
        ManifestHarvester manifests,
        CollectionHarvester collections,
        FailedDocuments failures,
        IDocumentStore store,
        IndexFollower index,
        HarvestStatusBoard status,
        WriteHealth health,
        IOptions<HarvestingOptions> options,
        TimeProvider time,
        IEnumerable<IHarvestFollowUp> followUps,
        ILogger<SourceHarvester> logger)
    {
        _followUps = followUps;
        _walker = walker;
        _probe = probe;
        _manifests = manifests;
        _collections = collections;
        _failures = failures;
        _store = store;
        _index = index;
        _status = status;
        _health = health;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <remarks>
    /// The run's parsing, storing and indexing go on <see cref="BackgroundPriority"/>'s lowered threads, so that
    /// searches answered meanwhile keep their latency on a machine with few cores.
    /// </remarks>
    public Task<HarvestRunResult> HarvestAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return BackgroundPriority.Run(() => HarvestInBackgroundAsync(source, cancellationToken));
    }

    private async Task<HarvestRunResult> HarvestInBackgroundAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var startedAt = _time.GetUtcNow();

        // The lease is the run's first write: a store that cannot be written (read-only, locked, full) fails the
        // run here, at once and saying why, and a source another run holds is refused before anything is fetched.
        if (!_active.TryAdd(source.Key, 0))
        {
            return Refused(Refuse(source.Key, startedAt, $"another run of '{source.Key}' is in progress in this process; this one was not started"));
        }

        try
        {
            return await LeaseAndRunAsync(source, startedAt, cancellationToken);
        }
        finally
        {
            _active.TryRemove(source.Key, out _);
        }
    }

    private async Task<HarvestRunResult> LeaseAndRunAsync(SourceDefinition source, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        RunLease? lease;
        SourceLease current;
        try
        {
            (lease, current) = await RunLease.TryTakeAsync(_store, source.Key, _owner, _options.LeaseDuration, _time, _logger, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _health.Failed(WriteHealth.Store, ex);
            var reason = $"the store cannot be written: {ex.Message}";
            LogStoreUnwritable(ex, source.Key);
            var failed = Result(source.Key, startedAt, new HarvestCounters(source.Key), [reason], sourceFailed: true);
            _status.Finished(failed);
            return failed;
        }

        _health.Succeeded(WriteHealth.Store);
        if (lease is null)
        {
            return Refused(Refuse(source.Key, startedAt, $"another run of '{source.Key}' is in progress ({current.Owner}, since {current.AcquiredAt:O}); this one was not started") with { RefusedUntil = current.ExpiresAt });
        }

        await using (lease)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            return await RunAsync(source, startedAt, lease, linked.Token, cancellationToken);
        }
    }

    private async Task<HarvestRunResult> RunAsync(SourceDefinition source, DateTimeOffset startedAt, RunLease lease, CancellationToken token, CancellationToken callerToken)
    {
        using var activity = HarvestTelemetry.Source.StartActivity("iiifharvester.harvest");
        activity?.SetTag(CrawlingDiagnostics.SourceAttribute, source.Key);
        var run = new HarvestRun(source, new HarvestCounters(source.Key), new ConcurrentQueue<string>(), source.ToFetchPolicy());
        var clock = _time.GetTimestamp();
        _status.Started(source.Key, startedAt, run.Counters);
        LogStarted(source.Key);
        var roots = 0;
        var rootsFailed = 0;
        var stopped = false;
        using var progress = _time.CreateTimer(
            _ => LogProgressLine(source.Key, run.Counters.Snapshot(), _time.GetElapsedTime(clock), "progress"),
            null,
            _options.ProgressInterval,
            _options.ProgressInterval);

        // The index follows the store while the run goes on (each manifest's one change is logged after its full
        // text), so parsing and indexing overlap the fetching instead of following it.
        var indexing = _index.BeginHarvest();
        try
        {
            await _failures.LoadAsync(run, token);
            await RevisitDependentsOnceAsync(run, token);
            foreach (var stream in source.Streams)
            {
                roots++;
                if (!await HarvestStreamAsync(run, stream, token))
                {
                    rootsFailed++;
                }
            }

            foreach (var collection in source.Collections)
            {
                roots++;
                if (!await _collections.HarvestAsync(run, collection, reconcile: source.Streams.Count == 0, token))
                {
                    rootsFailed++;
                }
            }

            await Parallel.ForEachAsync(
                source.Manifests,
                new ParallelOptions { CancellationToken = token, MaxDegreeOfParallelism = _options.Parallelism, TaskScheduler = TaskScheduler.Current },
                async (manifest, ct) => await _manifests.HarvestAsync(run, manifest.AbsoluteUri, HarvestReason.Listed, ct));
            roots += source.Manifests.Count;

            // Documents that kept failing are tried on their own once their delay is up, not by walking the stream again.
            await _failures.RetryDueAsync(run, _options.Parallelism, token);
        }
        catch (OperationCanceledException) when (callerToken.IsCancellationRequested)
        {
            run.Error("the run was cancelled; it resumes from its checkpoints next time");
            stopped = true;
            throw;
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested)
        {
            run.Error("the run lost its lease on the source (the store could not be written for too long) and stopped");
            stopped = true;
        }
        catch (Exception ex)
        {
            // A write that failed (a full disk, an I/O error): what is committed stays, the checkpoints did not move
            // past what was not stored, and the next run resumes from there.
            run.Error($"the run stopped: {ex.Message}");
            LogRunStopped(ex, source.Key);
            _health.Failed(WriteHealth.Store, ex);
            stopped = true;
        }
        finally
        {
            // Whatever reached the store is indexed, even when the run was cut short.
            await indexing.DisposeAsync();
            try
            {
                await _index.CatchUpAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                run.Error($"the index could not be brought up to the store: {ex.Message}; it catches up once it can be written");
                LogIndexingFailed(ex);
                stopped = true;
            }

            if (callerToken.IsCancellationRequested)
            {
                _status.Finished(Result(source.Key, startedAt, run.Counters, run.Errors.ToList(), sourceFailed: true));
            }
        }

        var result = Result(source.Key, startedAt, run.Counters, run.Errors.ToList(), sourceFailed: stopped || (roots > 0 && rootsFailed == roots));
        _status.Finished(result);
        HarvestTelemetry.Finished(result);
        await RecordAsync(result, callerToken);
        LogProgressLine(source.Key, result.Counts, _time.GetElapsedTime(clock), result.SourceFailed ? "failed" : "finished");
        foreach (var followUp in _followUps)
        {
            followUp.Harvested(source, result);
        }

        return result;
    }

    /// <summary>
    /// Before the walk, once per parser links version (and per <c>FetchOcr</c> setting): fetches what the source's
    /// harvested manifests link that was never fetched. A first run finds no manifests and only records the version.
    /// </summary>
    private async Task RevisitDependentsOnceAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        var key = run.Source.Key;
        var current = ManifestDependents.CheckpointValue(run.Source.FetchOcr);
        if (await _store.GetCheckpointAsync(key, ManifestDependents.CheckpointName, cancellationToken) == current)
        {
            return;
        }

        // A manifest whose new dependents failed is retried as a failure: fetched again as a change, dependents and all.
        foreach (var (uri, failure) in await _manifests.RevisitDependentsAsync(run, _options.Parallelism, cancellationToken))
        {
            await _failures.ReportAsync(run, uri, DocumentKind.Manifest, failure, cancellationToken);
        }

        await _store.SetCheckpointAsync(key, ManifestDependents.CheckpointName, current, cancellationToken);
    }

    // "Last harvested" outlives the process and is the same on every node: it is in the store, not only on the board.
    private async Task RecordAsync(HarvestRunResult result, CancellationToken cancellationToken)
    {
        try
        {
            var previous = await LastHarvest.ReadAsync(_store, result.SourceKey, cancellationToken);
            await LastHarvest.After(previous, result.StartedAt, result.FinishedAt, result.SourceFailed)
                .WriteAsync(_store, result.SourceKey, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store refused the write (a full disk): the run's own work is committed; only this record is stale.
            LogRecordFailed(ex, result.SourceKey);
        }
    }

    private HarvestRunResult Refused(HarvestRunResult result)
    {
        _status.Refused(result);
        return result;
    }

    private HarvestRunResult Refuse(string sourceKey, DateTimeOffset startedAt, string reason)
    {
        LogRefused(sourceKey, reason);
        return Result(sourceKey, startedAt, new HarvestCounters(sourceKey), [reason], sourceFailed: false) with { Refused = reason };
    }

    private HarvestRunResult Result(string sourceKey, DateTimeOffset startedAt, HarvestCounters counters, IReadOnlyList<string> errors, bool sourceFailed) => new()
    {
        SourceKey = sourceKey,
        StartedAt = startedAt,
        FinishedAt = _time.GetUtcNow(),
        Counts = counters.Snapshot(),
        SourceFailed = sourceFailed,
        Errors = errors,
    };

    private async Task<bool> HarvestStreamAsync(HarvestRun run, Uri stream, CancellationToken cancellationToken)
    {
        var source = run.Source;
        var checkpointName = StreamCheckpoint.Name(stream);
        var checkpoint = StreamCheckpoint.Parse(await _store.GetCheckpointAsync(source.Key, checkpointName, cancellationToken));
        var reconcileDue = checkpoint.Newest is not null && _time.GetUtcNow() - (checkpoint.Reconciled ?? DateTimeOffset.MinValue) >= source.ReconcileEvery;

        // Probed before the walk: should the stream grow meanwhile, the state kept is the older one, and the next
        // probe sees a change rather than missing one.
        var probe = await _probe.ProbeAsync(stream, checkpoint.LastPage, run.Policy, cancellationToken);
        var lastPage = probe.Current;
        if (probe.Unchanged && checkpoint.Newest is not null && !reconcileDue)
        {
            run.Counters.PageWalked(probe.Requests);
            return true;
        }

        // The walk starts from what the probe fetched (the collection and its last page), not from new requests.
        var walk = await _walker.WalkAsync(
            stream,
            new DiscoveryWalkRequest { Checkpoint = checkpoint.Newest, Overlap = source.StreamOverlap, Prefetched = probe.Fetched },
            run.Policy,
            cancellationToken);
        run.Counters.PageWalked(1 + walk.PagesWalked);
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

        // Where in the change log this walk began, kept until the checkpoint moves: a walk cut off before then is
        // redone by the next run, which then knows what the cut-off walk logged already (a recovered run on another
        // node logs each change once).
        var walkMarker = checkpointName + WalkMarkerSuffix;
        if (!long.TryParse(await _store.GetCheckpointAsync(source.Key, walkMarker, cancellationToken), NumberStyles.None, CultureInfo.InvariantCulture, out var walkFrom))
        {
            walkFrom = await _store.GetLastSequenceAsync(cancellationToken);
            await _store.SetCheckpointAsync(source.Key, walkMarker, walkFrom.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        run.WalkFrom = walkFrom;
        try
        {
            await Parallel.ForEachAsync(
                pending,
                new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = _options.Parallelism, TaskScheduler = TaskScheduler.Current },
                async (change, ct) => await ApplyChangeAsync(run, change, ct));
        }
        finally
        {
            run.WalkFrom = null;
        }

        if (!walk.Complete || walk.NewestActivityTime is null)
        {
            // A page failed: what was stored stays stored, but the checkpoint does not move past what was not seen.
            return true;
        }

        // Every change the walk saw is in the store or recorded as a failure to retry on its own (a document that
        // keeps failing no longer holds the stream back), so the checkpoint moves to the newest change.
        var advanceTo = walk.NewestActivityTime.Value;
        if (checkpoint.Newest is { } previous && advanceTo < previous)
        {
            advanceTo = previous;
        }

        var window = advanceTo - source.StreamOverlap;
        var next = new StreamCheckpoint
        {
            Newest = advanceTo,
            Boundary = walk.Changes
                .Where(c => c.EndTime is { } t && t >= window && t <= advanceTo)
                .Select(KeyOf)
                .ToList(),
            Reconciled = checkpoint.Reconciled ?? _time.GetUtcNow(),
            LastPage = lastPage,
        };

        if (reconcileDue)
        {
            // Streams that only ever say Create never say what disappeared: look at every manifest we hold.
            await _manifests.ReconcileAsync(run, cancellationToken);
            next = next with { Reconciled = _time.GetUtcNow() };
        }

        await _store.SetCheckpointAsync(source.Key, checkpointName, next.Serialize(), cancellationToken);
        await _store.SetCheckpointAsync(source.Key, walkMarker, string.Empty, cancellationToken);
        return true;
    }

    private async Task ApplyChangeAsync(HarvestRun run, DiscoveredChange change, CancellationToken cancellationToken)
    {
        if (change.Action == ChangeAction.Delete)
        {
            if (await _store.DeleteAsync(change.ObjectId, _time.GetUtcNow(), cancellationToken) is not null)
            {
                run.Counters.DocumentDeleted();
            }

            await _failures.ReportAsync(run, change.ObjectId, DocumentKind.Manifest, failure: null, cancellationToken);
            return;
        }

        var isCollection = string.Equals(change.ObjectType, "Collection", StringComparison.OrdinalIgnoreCase);
        var failure = await _manifests.HarvestAsync(run, change.ObjectId, isCollection ? HarvestReason.StreamCollection : HarvestReason.StreamChange, cancellationToken);
        await _failures.ReportAsync(run, change.ObjectId, isCollection ? DocumentKind.Collection : DocumentKind.Manifest, failure, cancellationToken);
    }

    private static string KeyOf(DiscoveredChange change) =>
        $"{change.Action}|{change.ObjectId}|{change.EndTime?.ToUnixTimeMilliseconds()}";

    [LoggerMessage(EventId = 2103, Level = LogLevel.Error, Message = "Harvest of '{Source}' could not start: the store cannot be written")]
    private partial void LogStoreUnwritable(Exception exception, string source);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Harvest of '{Source}' refused: {Reason}")]
    private partial void LogRefused(string source, string reason);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Error, Message = "Harvest of '{Source}' stopped by an error; what was stored stays, and the next run resumes from the checkpoints")]
    private partial void LogRunStopped(Exception exception, string source);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "Harvest of '{Source}' finished, but when it finished could not be recorded in the store")]
    private partial void LogRecordFailed(Exception exception, string source);

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
