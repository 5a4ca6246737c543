using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Dependents;

/// <summary>Which of a manifest's dependents to fetch, and the bounds.</summary>
public sealed record DependentsRequest
{
    /// <summary>Whether OCR files are fetched (a per-source setting).</summary>
    /// <value>Defaults to false.</value>
    public bool IncludeOcr { get; init; }

    /// <summary>The most documents fetched for one manifest; reaching it makes the result incomplete.</summary>
    /// <value>Defaults to 5,000.</value>
    public int MaxDocuments { get; init; } = 5_000;

    /// <summary>The most pages followed from one layer or annotation collection (<c>first</c>, then <c>next</c>).</summary>
    /// <value>Defaults to 1,000.</value>
    public int MaxPagesPerChain { get; init; } = 1_000;

    /// <summary>Dependents fetched at once for one manifest (the host's politeness gate still applies).</summary>
    /// <value>Defaults to 4.</value>
    public int MaxParallel { get; init; } = 4;

    /// <summary>The stored copy of a dependent, if any: makes the GET conditional; its bytes stand in on a 304.</summary>
    public Func<Uri, CancellationToken, ValueTask<CachedDocument?>>? GetCached { get; init; }
}
