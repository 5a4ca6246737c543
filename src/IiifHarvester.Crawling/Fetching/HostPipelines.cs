using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// One Polly pipeline per host: retry (jittered exponential backoff, or the server's Retry-After) around a circuit
/// breaker. Per host so one failing institution cannot open the circuit of another. The per-attempt timeout is not a
/// Polly strategy: it starts inside the attempt once the host's politeness slot is granted (see
/// <see cref="IiifFetcher"/>), so waiting for a Crawl-delay never counts as the host being slow.
/// </summary>
internal sealed class HostPipelines
{
    /// <summary>The fetch in progress, for the retry log and counters.</summary>
    internal static readonly ResiliencePropertyKey<FetchState> StateKey = new("IiifHarvester.Crawling.FetchState");

    private readonly ConcurrentDictionary<string, ResiliencePipeline<HttpAttempt>> _pipelines = new(StringComparer.Ordinal);
    private readonly CrawlingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public HostPipelines(CrawlingOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public ResiliencePipeline<HttpAttempt> For(string hostKey) =>
        _pipelines.GetOrAdd(hostKey, static (key, self) => self.Build(key), this);

    private ResiliencePipeline<HttpAttempt> Build(string hostKey)
    {
        var builder = new ResiliencePipelineBuilder<HttpAttempt> { Name = "IiifHarvester.Crawling", InstanceName = hostKey, TimeProvider = _timeProvider };
        if (_options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpAttempt>
            {
                MaxRetryAttempts = _options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _options.RetryBaseDelay,
                MaxDelay = _options.MaxRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome)),

                // Honour Retry-After (seconds or date); without one, Polly's jittered backoff applies.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    if (args.Context.Properties.TryGetValue(StateKey, out var state))
                    {
                        var reason = args.Outcome.Result?.Error ?? args.Outcome.Exception?.Message ?? "unknown";
                        Telemetry.CrawlingDiagnostics.Retries.Add(1, new KeyValuePair<string, object?>(Telemetry.CrawlingDiagnostics.SourceAttribute, state.Request.Policy.SourceKey));
                        Log.Retrying(_logger, state.CurrentUri, state.Request.Policy.SourceKey, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1, reason);
                    }

                    return default;
                },
            });
        }

        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpAttempt>
        {
            FailureRatio = _options.CircuitBreakerFailureRatio,
            MinimumThroughput = _options.CircuitBreakerMinimumThroughput,
            SamplingDuration = _options.CircuitBreakerSamplingDuration,
            BreakDuration = _options.CircuitBreakerBreakDuration,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.HostFailure == true),
            OnOpened = args =>
            {
                Log.CircuitOpened(_logger, hostKey, (long)args.BreakDuration.TotalMilliseconds);
                return default;
            },
            OnClosed = _ =>
            {
                Log.CircuitClosed(_logger, hostKey);
                return default;
            },
        });

        return builder.Build();
    }

    private bool ShouldRetry(Outcome<HttpAttempt> outcome)
    {
        if (outcome.Exception is not null)
        {
            // Cancellation by the caller, or a bug: neither is worth another attempt.
            return false;
        }

        var attempt = outcome.Result!;

        // A Retry-After longer than we are willing to wait: stop now, the document is retried on the next run.
        return attempt.Transient && (attempt.RetryAfter is not { } wait || wait <= _options.MaxRetryDelay);
    }
}
