using System.Collections.Concurrent;
using System.Text;
using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Robots;

/// <summary>
/// robots.txt per origin, fetched once by the first request to a host and cached (RFC 9309 §2.4). A 4xx means no
/// rules (§2.3.1.3); a 5xx or a network failure means the host is treated as fully disallowed for a short while
/// (§2.3.1.4), which the fetcher reports as a transient failure, never a deletion.
/// </summary>
internal sealed class RobotsCache
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly CrawlingOptions _options;
    private readonly TimeProvider _timeProvider;

    public RobotsCache(CrawlingOptions options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// The verdict for the origin of <paramref name="uri"/>; <paramref name="fetch"/> fetches robots.txt when it is
    /// not cached. Concurrent callers share one fetch.
    /// </summary>
    public async Task<RobotsVerdict> GetAsync(Uri uri, FetchPolicy policy, Func<FetchRequest, CancellationToken, Task<FetchResult>> fetch, CancellationToken cancellationToken)
    {
        var origin = uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        var key = policy.AllowPrivateNetworks ? origin + " private" : origin;
        var now = _timeProvider.GetUtcNow();
        while (true)
        {
            var entry = _entries.GetOrAdd(key, static (_, state) => state.Self.CreateEntry(state.Origin, state.Policy, state.Fetch), (Self: this, Origin: origin, Policy: policy, Fetch: fetch));
            if (entry.Verdict.IsCompleted && entry.Expires(now, _options))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                continue;
            }

            return await entry.Verdict.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private Entry CreateEntry(string origin, FetchPolicy policy, Func<FetchRequest, CancellationToken, Task<FetchResult>> fetch)
    {
        // robots.txt is public and its verdict is shared by every source: no source's headers (API keys) go with it.
        var robotsPolicy = policy with { RespectRobotsTxt = false, MaxBytes = _options.MaxRobotsBytes, Headers = new Dictionary<string, string>() };
        var request = new FetchRequest(new Uri(origin + "/robots.txt"), robotsPolicy) { ExpectJson = false, Accept = "text/plain, */*;q=0.5" };
        return new Entry(LoadAsync(request, fetch), _timeProvider);
    }

    private async Task<RobotsVerdict> LoadAsync(FetchRequest request, Func<FetchRequest, CancellationToken, Task<FetchResult>> fetch)
    {
        // Not tied to the first caller's token: other callers share this task. The fetch is bounded by its own timeouts.
        var result = await fetch(request, CancellationToken.None).ConfigureAwait(false);
        return result.Status switch
        {
            FetchStatus.Ok => new RobotsVerdict(RobotsRules.Parse(Encoding.UTF8.GetString(result.Body.Span), _options.ProductName), FetchStatus.Ok, null),
            FetchStatus.TransientFailure => new RobotsVerdict(null, FetchStatus.TransientFailure, $"robots.txt unreachable: {result.Error}"),
            FetchStatus.Blocked => new RobotsVerdict(null, FetchStatus.Blocked, result.Error),
            _ => new RobotsVerdict(RobotsRules.AllowAll, FetchStatus.Ok, null),
        };
    }

    private sealed class Entry(Task<RobotsVerdict> verdict, TimeProvider timeProvider)
    {
        private readonly DateTimeOffset _created = timeProvider.GetUtcNow();

        public Task<RobotsVerdict> Verdict { get; } = verdict;

        public bool Expires(DateTimeOffset now, CrawlingOptions options)
        {
            var failed = Verdict.IsFaulted || Verdict.IsCanceled || Verdict.Result.Rules is null;
            return now - _created >= (failed ? options.RobotsFailureCacheDuration : options.RobotsCacheDuration);
        }
    }
}
