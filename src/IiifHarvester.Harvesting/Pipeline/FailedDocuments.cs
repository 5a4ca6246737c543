using IiifHarvester.Storage.Documents;
using IiifHarvester.Storage.Failures;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// The documents of a source that keep failing (robots-disallowed, 401, 403, 5xx after the retries, unreadable...):
/// recorded in the store apart from the stream checkpoint, which then moves past them, and retried on their own: at
/// the next run after the first failure (most failures are passing), then after <see cref="HarvestingOptions.FailureRetryDelay"/>,
/// doubled at each further failure up to <see cref="HarvestingOptions.FailureRetryMaxDelay"/>. A run costs its stream
/// requests plus the retries that are due.
/// </summary>
internal sealed partial class FailedDocuments
{
    private readonly IDocumentStore _store;
    private readonly ManifestHarvester _manifests;
    private readonly HarvestingOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<FailedDocuments> _logger;

    public FailedDocuments(IDocumentStore store, ManifestHarvester manifests, IOptions<HarvestingOptions> options, TimeProvider time, ILogger<FailedDocuments> logger)
    {
        _store = store;
        _manifests = manifests;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>Loads the source's recorded failures into the run.</summary>
    public async Task LoadAsync(HarvestRun run, CancellationToken cancellationToken)
    {
        foreach (var failure in await _store.GetFailuresAsync(run.Source.Key, cancellationToken))
        {
            run.Failures[failure.Uri] = failure;
        }
    }

    /// <summary>Records how harvesting <paramref name="uri"/> went: a failure is kept (or its count raised), a success clears one.</summary>
    public async Task ReportAsync(HarvestRun run, string uri, DocumentKind kind, string? failure, CancellationToken cancellationToken)
    {
        run.Attempted.TryAdd(uri, 0);
        if (failure is null)
        {
            if (run.Failures.TryRemove(uri, out _))
            {
                await _store.RemoveFailureAsync(run.Source.Key, uri, cancellationToken);
            }

            return;
        }

        var now = _time.GetUtcNow();
        var previous = run.Failures.GetValueOrDefault(uri);
        var attempts = (previous?.Attempts ?? 0) + 1;
        var record = new DocumentFailure
        {
            SourceKey = run.Source.Key,
            Uri = uri,
            Kind = kind,
            Reason = failure,
            Attempts = attempts,
            FirstFailedAt = previous?.FirstFailedAt ?? now,
            LastFailedAt = now,
            NextAttemptAt = now + RetryDelay(attempts),
        };
        await _store.PutFailureAsync(record, cancellationToken);
        run.Failures[uri] = record;
        LogRecorded(run.Source.Key, uri, attempts, record.NextAttemptAt, failure);
    }

    /// <summary>Tries again every recorded failure whose next attempt is due, one by one.</summary>
    public async Task RetryDueAsync(HarvestRun run, int parallelism, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var due = run.Failures.Values.Where(f => f.NextAttemptAt <= now && !run.Attempted.ContainsKey(f.Uri)).ToList();
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = parallelism, TaskScheduler = TaskScheduler.Current },
            async (failure, ct) =>
            {
                // Its activity said it changed (that is how it got here): fetched as a change, lists and all.
                var reason = failure.Kind == DocumentKind.Collection ? HarvestReason.StreamCollection : HarvestReason.StreamChange;
                var outcome = await _manifests.HarvestAsync(run, failure.Uri, reason, ct);
                await ReportAsync(run, failure.Uri, failure.Kind, outcome, ct);
            });
    }

    private TimeSpan RetryDelay(int attempts)
    {
        if (attempts <= 1)
        {
            return TimeSpan.Zero;
        }

        var delay = _options.FailureRetryDelay;
        for (var i = 2; i < attempts && delay < _options.FailureRetryMaxDelay; i++)
        {
            delay += delay;
        }

        return delay < _options.FailureRetryMaxDelay ? delay : _options.FailureRetryMaxDelay;
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Information, Message = "[{Source}] {Uri} failed {Attempts} time(s) in a row; next attempt at {NextAttempt:O}: {Reason}")]
    private partial void LogRecorded(string source, string uri, int attempts, DateTimeOffset nextAttempt, string reason);
}
