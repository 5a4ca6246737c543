using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Discovery;
using Microsoft.Extensions.Logging;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>
/// Walks a Change Discovery stream (§3.5.1): the collection, then its <c>last</c> page, then <c>prev</c> after
/// <c>prev</c>, each page fetched at most once, until the checkpoint, a first-crawl Refresh, the oldest page, a cycle
/// or the page limit.
/// </summary>
internal sealed class DiscoveryWalker : IDiscoveryWalker
{
    private const int MaxWarnings = 100;

    private readonly IIiifFetcher _fetcher;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DiscoveryWalker> _logger;

    public DiscoveryWalker(IIiifFetcher fetcher, TimeProvider timeProvider, ILogger<DiscoveryWalker> logger)
    {
        _fetcher = fetcher;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public async Task<DiscoveryWalkResult> WalkAsync(Uri streamUri, DiscoveryWalkRequest request, FetchPolicy policy, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var walk = new Walk(streamUri, request, policy, errors, warnings);

        var entry = await LoadAsync(streamUri, walk, cancellationToken).ConfigureAwait(false);
        var streamIds = new List<string> { streamUri.AbsoluteUri };
        string? start = null;
        ActivityStreamPage? startPage = null;
        switch (entry)
        {
            case null:
                break;
            case ActivityStreamCollection collection:
                streamIds.Add(collection.Id);
                start = collection.Last;
                if (start is null && collection.First is not null)
                {
                    warnings.Add($"{streamUri}: no 'last' page (§3.1 requires it); walking forward from 'first' to find it");
                    start = await FindLastAsync(new Uri(collection.First), walk, cancellationToken).ConfigureAwait(false);
                }
                else if (start is null)
                {
                    errors.Add($"{streamUri}: the collection has neither 'last' nor 'first'");
                }

                break;
            case ActivityStreamPage page:
                // Configured with a page rather than the collection: start there.
                streamIds.AddRange(page.PartOf is null ? [] : [page.PartOf]);
                startPage = page;
                break;
            default:
                errors.Add($"{streamUri}: a {entry.GetType().Name}, not a Change Discovery OrderedCollection");
                break;
        }

        var accumulator = new ChangeAccumulator(request, streamIds);
        var reason = DiscoveryStopReason.PageFailed;
        var pages = 0;
        if (errors.Count == 0)
        {
            (reason, pages) = await WalkPagesAsync(start, startPage, walk, accumulator, cancellationToken).ConfigureAwait(false);
        }

        if (accumulator.SkippedObjectTypes > 0)
        {
            warnings.Add($"{accumulator.SkippedObjectTypes} activities about object types other than {string.Join(", ", request.ObjectTypes)} were skipped");
        }

        var result = new DiscoveryWalkResult
        {
            StreamUri = streamUri,
            Changes = accumulator.Changes,
            Complete = errors.Count == 0,
            NewestActivityTime = Checkpoint(accumulator.Newest, request.Checkpoint, warnings),
            StopReason = reason,
            IsFullWalk = request.Mode == DiscoveryWalkMode.Full,
            PagesWalked = pages,
            ActivitiesSeen = accumulator.ActivitiesSeen,
            ActivityCounts = accumulator.Counts,
            Errors = errors,
            Warnings = warnings,
        };
        foreach (var error in errors)
        {
            Log.WalkError(_logger, streamUri, policy.SourceKey, error);
        }

        Log.WalkFinished(_logger, streamUri, policy.SourceKey, pages, result.ActivitiesSeen, result.Changes.Count, result.Complete, reason);
        return result;
    }

    private async Task<(DiscoveryStopReason Reason, int Pages)> WalkPagesAsync(
        string? start, ActivityStreamPage? startPage, Walk walk, ChangeAccumulator accumulator, CancellationToken cancellationToken)
    {
        var pages = 0;
        var current = startPage?.Id ?? start;
        while (current is not null)
        {
            if (!walk.Visited.Add(ChangeAccumulator.Normalize(current)))
            {
                // A prev that points back (to itself, or A→B→A): every reachable page was walked; what lies beyond is
                // unreachable, so the walk ends as at the oldest page rather than looping.
                walk.Warnings.Add($"page {current} was already walked: its 'prev' chain has a cycle; treated as the end of the stream");
                return (DiscoveryStopReason.Cycle, pages);
            }

            if (pages >= walk.Request.MaxPages)
            {
                walk.Errors.Add($"stopped after {pages} pages (MaxPages); the rest of the stream was not walked");
                return (DiscoveryStopReason.PageLimit, pages);
            }

            var page = pages == 0 && startPage is not null
                ? startPage
                : walk.Pages.GetValueOrDefault(current) ?? await LoadAsync(new Uri(current), walk, cancellationToken).ConfigureAwait(false) as ActivityStreamPage;
            if (page is null)
            {
                if (walk.Errors.Count == 0)
                {
                    walk.Errors.Add($"{current}: not a Change Discovery OrderedCollectionPage");
                }

                return (DiscoveryStopReason.PageFailed, pages);
            }

            pages++;
            walk.Visited.Add(ChangeAccumulator.Normalize(page.Id));
            if (accumulator.ProcessPage(page) is { } stop)
            {
                return (stop, pages);
            }

            current = page.Prev;
        }

        return (DiscoveryStopReason.EndOfStream, pages);
    }

    /// <summary>For a stream without <c>last</c>: follows <c>next</c> from <c>first</c> to the newest page (bounded, cycle-checked).</summary>
    private async Task<string?> FindLastAsync(Uri first, Walk walk, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? current = first.AbsoluteUri;
        string? last = null;
        while (current is not null && seen.Add(ChangeAccumulator.Normalize(current)) && seen.Count <= walk.Request.MaxPages)
        {
            if (await LoadAsync(new Uri(current), walk, cancellationToken).ConfigureAwait(false) is not ActivityStreamPage page)
            {
                return null;
            }

            // Kept, so the backward walk does not fetch these pages again.
            walk.Pages[page.Id] = page;
            last = page.Id;
            current = page.Next;
        }

        return last;
    }

    private async Task<Iiif.Parsing.IiifDocument?> LoadAsync(Uri uri, Walk walk, CancellationToken cancellationToken)
    {
        // A document this run fetched already (the probe's collection and last page) is not requested again.
        var loaded = walk.Request.Prefetched?.GetValueOrDefault(uri.AbsoluteUri) is { Status: FetchStatus.Ok } prefetched
            ? DocumentLoader.Read(uri, prefetched, cached: null)
            : await DocumentLoader.LoadAsync(_fetcher, uri, walk.Policy, walk.Request.GetCached, cancellationToken).ConfigureAwait(false);
        foreach (var warning in loaded.Warnings)
        {
            if (walk.Warnings.Count < MaxWarnings)
            {
                walk.Warnings.Add($"{uri}: {warning}");
            }
        }

        if (loaded.Error is not null)
        {
            walk.Errors.Add(loaded.Error);
        }

        return loaded.Document;
    }

    private DateTimeOffset? Checkpoint(DateTimeOffset? newest, DateTimeOffset? previous, List<string> warnings)
    {
        // Never move the checkpoint back, and never past now: an endTime in the future (a wrong clock upstream) would
        // otherwise make every later walk stop before changes it has not seen.
        var candidate = newest is null || newest < previous ? previous : newest;
        var now = _timeProvider.GetUtcNow();
        if (candidate > now)
        {
            warnings.Add($"the newest endTime {candidate:O} is in the future; the checkpoint is held at now");
            return now;
        }

        return candidate;
    }

    private sealed record Walk(Uri StreamUri, DiscoveryWalkRequest Request, FetchPolicy Policy, List<string> Errors, List<string> Warnings)
    {
        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ActivityStreamPage> Pages { get; } = new(StringComparer.Ordinal);
    }
}
