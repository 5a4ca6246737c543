using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Discovery;

/// <summary>What a Discovery walk needs from the previous run, and its bounds.</summary>
public sealed record DiscoveryWalkRequest
{
    /// <summary>The newest activity endTime of the last completed crawl (its checkpoint); null on a first crawl.</summary>
    public DateTimeOffset? Checkpoint { get; init; }

    /// <summary>
    /// How far before the checkpoint the walk still goes. Streams exist whose endTime is not when the change happened
    /// (an accession date, a batch published late), so stopping exactly at the checkpoint would miss them; what lies in
    /// the window is seen twice, which processing must tolerate (it is idempotent).
    /// </summary>
    /// <value>Defaults to 1 hour.</value>
    public TimeSpan Overlap { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The most pages walked; reaching it ends the walk incomplete.</summary>
    /// <value>Defaults to 100,000.</value>
    public int MaxPages { get; init; } = 100_000;

    /// <summary>Incremental, or a full reconciliation walk.</summary>
    /// <value>Defaults to <see cref="DiscoveryWalkMode.Incremental"/>.</value>
    public DiscoveryWalkMode Mode { get; init; } = DiscoveryWalkMode.Incremental;

    /// <summary>
    /// The object types acted on (§3.5.2 step 4: others are skipped); an object without a type is acted on. Compared
    /// without a <c>sc:</c>-style prefix, case-insensitively.
    /// </summary>
    /// <value>Defaults to <c>Manifest</c> and <c>Collection</c>.</value>
    public IReadOnlySet<string> ObjectTypes { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Manifest", "Collection" };

    /// <summary>
    /// The stored copy of a stream document (collection or page), if the pipeline keeps them: makes each GET conditional,
    /// so an unchanged stream costs 304s. Null fetches unconditionally.
    /// </summary>
    public Func<Uri, CancellationToken, ValueTask<CachedDocument?>>? GetCached { get; init; }

    /// <summary>
    /// Stream documents this run has fetched already, by absolute URI (a probe's collection and last page): read from
    /// here instead of being requested again. Only successful fetches are used.
    /// </summary>
    public IReadOnlyDictionary<string, FetchResult>? Prefetched { get; init; }
}
