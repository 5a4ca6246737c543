using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using IiifHarvester.Crawling.Addresses;
using IiifHarvester.Crawling.Institutions;
using IiifHarvester.Crawling.Politeness;
using IiifHarvester.Crawling.Robots;
using IiifHarvester.Crawling.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// The crawler's one HTTP client. Redirects are followed here, hop by hop, so each hop is checked against the scheme,
/// address and robots rules; each hop runs through its host's politeness gate and Polly pipeline.
/// </summary>
internal sealed class IiifFetcher : IIiifFetcher, IDisposable
{
    private const string JsonAccept = "application/ld+json, application/json;q=0.9, */*;q=0.1";

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Accept-Encoding", "If-None-Match", "If-Modified-Since", "Connection", "Transfer-Encoding", "Content-Length", "TE", "Upgrade", "Range",
    };

    private readonly CrawlingOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IiifFetcher> _logger;
    private readonly InstitutionConnections _connections;
    private readonly bool _ownsConnections;
    private readonly HostPipelines _pipelines;
    private readonly RobotsCache _robots;

    public IiifFetcher(IOptions<CrawlingOptions> options, TimeProvider timeProvider, ILogger<IiifFetcher> logger, InstitutionConnections connections)
        : this(options, timeProvider, logger, connections, ownsConnections: false)
    {
    }

    /// <summary>
    /// With other address rules: tests treat one loopback address as "the internet" to prove that redirects and names
    /// resolving inward are refused. Not public: production always uses <see cref="AddressRules.IsRestricted"/>.
    /// </summary>
    internal IiifFetcher(IOptions<CrawlingOptions> options, TimeProvider timeProvider, ILogger<IiifFetcher> logger, Func<IPAddress, bool> isRestricted)
        : this(options, timeProvider, logger, new InstitutionConnections(options, timeProvider, new AddressPolicy(isRestricted)), ownsConnections: true)
    {
    }

    /// <summary>Without a container (tests, tools): the fetcher opens its own connections under the default address rules.</summary>
    internal IiifFetcher(IOptions<CrawlingOptions> options, TimeProvider timeProvider, ILogger<IiifFetcher> logger)
        : this(options, timeProvider, logger, AddressRules.IsRestricted)
    {
    }

    private IiifFetcher(IOptions<CrawlingOptions> options, TimeProvider timeProvider, ILogger<IiifFetcher> logger, InstitutionConnections connections, bool ownsConnections)
    {
        _connections = connections;
        _ownsConnections = ownsConnections;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _pipelines = new HostPipelines(_options, timeProvider, logger);
        _robots = new RobotsCache(_options, timeProvider);
    }

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        using var activity = CrawlingDiagnostics.ActivitySource.StartActivity("iiifharvester.crawl.fetch", ActivityKind.Client);
        activity?.SetTag("url.full", request.Uri.ToString());
        activity?.SetTag(CrawlingDiagnostics.SourceAttribute, request.Policy.SourceKey);

        var state = new FetchState(request);
        var result = await FetchCoreAsync(request, state, cancellationToken).ConfigureAwait(false);
        result = result with { Attempts = state.Attempts, Elapsed = _timeProvider.GetElapsedTime(started) };

        var outcome = new KeyValuePair<string, object?>(CrawlingDiagnostics.OutcomeAttribute, CrawlingDiagnostics.Outcome(result.Status));
        activity?.SetTag(outcome.Key, outcome.Value);
        activity?.SetTag("http.response.status_code", result.HttpStatus);
        if (result.Status is not (FetchStatus.Ok or FetchStatus.NotModified))
        {
            activity?.SetStatus(ActivityStatusCode.Error, result.Error);
        }

        var source = new KeyValuePair<string, object?>(CrawlingDiagnostics.SourceAttribute, request.Policy.SourceKey);
        CrawlingDiagnostics.Fetches.Add(1, source, outcome);
        CrawlingDiagnostics.Duration.Record(result.Elapsed.TotalSeconds, source, outcome);
        CrawlingDiagnostics.Bytes.Add(result.Body.Length, source);
        if (result.Status is FetchStatus.Ok or FetchStatus.NotModified or FetchStatus.NotFound or FetchStatus.Gone)
        {
            Log.Fetched(_logger, request.Uri, request.Policy.SourceKey, result.Status, result.HttpStatus, result.Body.Length, result.Attempts, (long)result.Elapsed.TotalMilliseconds);
        }
        else
        {
            Log.FetchFailed(_logger, request.Uri, request.Policy.SourceKey, result.Status, result.HttpStatus, result.Attempts, result.Error);
        }

        return result;
    }

    public void Dispose()
    {
        if (_ownsConnections)
        {
            _connections.Dispose();
        }
    }

    private static FetchResult Stop(FetchRequest request, Uri uri, FetchStatus status, string? error) =>
        new() { Status = status, RequestUri = request.Uri, FinalUri = uri, Error = error };

    private static Pace PaceFor(FetchPolicy policy, TimeSpan? robotsDelay, TimeSpan maxCrawlDelay)
    {
        var rate = policy.RequestsPerSecond > 0 ? TimeSpan.FromSeconds(1 / policy.RequestsPerSecond) : TimeSpan.Zero;
        var delay = policy.CrawlDelay ?? (robotsDelay is { } d ? (d > maxCrawlDelay ? maxCrawlDelay : d) : TimeSpan.Zero);
        return new Pace(rate > delay ? rate : delay, delay);
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    private async Task<FetchResult> FetchCoreAsync(FetchRequest request, FetchState state, CancellationToken cancellationToken)
    {
        var policy = request.Policy;
        var uri = request.Uri;
        var visited = new HashSet<string>(StringComparer.Ordinal) { uri.IsAbsoluteUri ? uri.AbsoluteUri : uri.OriginalString };
        for (var hop = 0; ; hop++)
        {
            state.CurrentUri = uri;
            if (_connections.BlockedReason(uri, policy.AllowPrivateNetworks) is { } reason)
            {
                Log.Blocked(_logger, uri, policy.SourceKey, reason);
                return Stop(request, uri, FetchStatus.Blocked, reason);
            }

            TimeSpan? robotsDelay = null;
            if (policy.RespectRobotsTxt)
            {
                var verdict = await _robots.GetAsync(uri, policy, FetchAsync, cancellationToken).ConfigureAwait(false);
                if (verdict.Rules is null)
                {
                    return Stop(request, uri, verdict.FailureStatus, verdict.Error);
                }

                if (!verdict.Rules.IsAllowed(uri))
                {
                    Log.Blocked(_logger, uri, policy.SourceKey, "robots.txt disallows it");
                    return Stop(request, uri, FetchStatus.Blocked, "robots.txt disallows it");
                }

                robotsDelay = verdict.Rules.CrawlDelay;
            }

            var attempt = await ExecuteAsync(uri, request, PaceFor(policy, robotsDelay, _options.MaxCrawlDelay), state, cancellationToken).ConfigureAwait(false);
            if (attempt.Location is { } location)
            {
                if (hop >= _options.MaxRedirects)
                {
                    return Stop(request, uri, FetchStatus.InvalidResponse, $"more than {_options.MaxRedirects} redirects") with { HttpStatus = attempt.HttpStatus };
                }

                if (!visited.Add(location.AbsoluteUri))
                {
                    return Stop(request, uri, FetchStatus.InvalidResponse, $"redirect loop: {uri} redirects back to {location}") with { HttpStatus = attempt.HttpStatus };
                }

                uri = location;
                continue;
            }

            return new FetchResult
            {
                Status = attempt.Status,
                RequestUri = request.Uri,
                FinalUri = uri,
                HttpStatus = attempt.HttpStatus,
                Body = attempt.Body ?? ReadOnlyMemory<byte>.Empty,
                ContentType = attempt.ContentType,
                ETag = attempt.ETag,
                LastModified = attempt.LastModified,
                Error = attempt.Error,
            };
        }
    }

    private async Task<HttpAttempt> ExecuteAsync(Uri uri, FetchRequest request, Pace pace, FetchState state, CancellationToken cancellationToken)
    {
        var hostKey = HostKey.Of(uri);
        var pipeline = _pipelines.For(hostKey);
        var timeout = request.Policy.Timeout ?? _options.Timeout;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(HostPipelines.StateKey, state);
        try
        {
            return await pipeline.ExecuteAsync(
                static (ctx, s) => s.Self.AttemptAsync(s.Uri, s.HostKey, s.Pace, s.Timeout, s.State, ctx.CancellationToken),
                context,
                (Self: this, Uri: uri, HostKey: hostKey, Pace: pace, Timeout: timeout, State: state)).ConfigureAwait(false);
        }
        catch (BrokenCircuitException)
        {
            return HttpAttempt.Failed(FetchStatus.TransientFailure, $"circuit open for {hostKey}: the host failed too often recently");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<HttpAttempt> AttemptAsync(Uri uri, string hostKey, Pace pace, TimeSpan timeout, FetchState state, CancellationToken cancellationToken)
    {
        var request = state.Request;
        var policy = request.Policy;
        var gate = _connections.GateFor(hostKey);

        // A Crawl-delay asks for a pause between successive requests: one at a time, the pause counted from the end
        // of the previous one as well as from its slot, so a send held up on our side (a new connection, a busy
        // machine) never lands right behind the one before it.
        var sequential = pace.CrawlDelay > TimeSpan.Zero;
        using var lease = await gate.AcquireAsync(sequential ? 1 : policy.MaxConcurrency, pace.Interval, cancellationToken, sequential ? pace.CrawlDelay : TimeSpan.Zero).ConfigureAwait(false);
        state.CountAttempt();

        // The attempt's clock starts once the slot is ours: a politeness wait is not the host being slow. It runs to the
        // last body byte, so a response that drips stops here too.
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var token = linked.Token;

        using var message = BuildMessage(uri, request);
        var client = _connections.ClientFor(policy.AllowPrivateNetworks);
        var (maxBytes, maxExpanded) = _options.BodyLimits(policy.MaxBytes);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
            CrawlingDiagnostics.Requests.Add(1, new TagList { { CrawlingDiagnostics.SourceAttribute, policy.SourceKey }, { "http.response.status_code", (int)response.StatusCode } });
            return await ResponseClassifier.ClassifyAsync(uri, request, response, maxBytes, maxExpanded, _timeProvider, token)
                .ConfigureAwait(false);
        }
        catch (Exception) when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Our timeout, whatever the handler wrapped it in. Worth a retry, and a slow host counts against its circuit.
            return HttpAttempt.Failed(FetchStatus.TransientFailure, $"timed out after {timeout.TotalMilliseconds:0} ms", transient: true, hostFailure: true);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested)
        {
            // The caller. Whatever the handler wrapped it in, it is a cancellation.
            if (ex is OperationCanceledException)
            {
                throw;
            }

            throw new OperationCanceledException("cancelled", ex, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            // Not our token: the handler's connect timeout.
            return HttpAttempt.Failed(FetchStatus.TransientFailure, $"connect timed out: {ex.Message}", transient: true, hostFailure: true);
        }
        catch (HttpRequestException ex) when (Find<AddressBlockedException>(ex) is { } blocked)
        {
            Log.Blocked(_logger, uri, policy.SourceKey, blocked.Message);
            return HttpAttempt.Failed(FetchStatus.Blocked, blocked.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var detail = Find<System.Net.Sockets.SocketException>(ex)?.Message ?? ex.InnerException?.Message ?? ex.Message;
            return HttpAttempt.Failed(FetchStatus.TransientFailure, $"network error: {ex.Message} ({detail})", transient: true, hostFailure: true);
        }
    }

    private HttpRequestMessage BuildMessage(Uri uri, FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, uri);
        var headers = message.Headers;
        headers.TryAddWithoutValidation("User-Agent", _connections.UserAgent);
        headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br");
        // A source's headers (API keys) go only to the hosts they were configured for: never on a redirect hop to
        // another host, never downgraded to http.
        if (request.Policy.MaySendHeadersTo(uri, request.Uri))
        {
            foreach (var (name, value) in request.Policy.Headers)
            {
                if (!ReservedHeaders.Contains(name))
                {
                    headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        if (request.Accept is not null || !headers.Contains("Accept"))
        {
            headers.Remove("Accept");
            headers.TryAddWithoutValidation("Accept", request.Accept ?? (request.ExpectJson ? JsonAccept : "*/*"));
        }

        if (request.ETag is { Length: > 0 } etag)
        {
            headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (request.LastModified is { } lastModified)
        {
            headers.IfModifiedSince = lastModified;
        }

        return message;
    }

    /// <summary>How requests to a host are paced: the slot interval, and the Crawl-delay part of it (zero when none).</summary>
    private readonly record struct Pace(TimeSpan Interval, TimeSpan CrawlDelay);
}
