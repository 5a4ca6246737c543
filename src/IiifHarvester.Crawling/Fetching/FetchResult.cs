namespace IiifHarvester.Crawling.Fetching;

/// <summary>The outcome of <see cref="IIiifFetcher.FetchAsync"/>: never an exception for network or HTTP trouble.</summary>
public sealed record FetchResult
{
    /// <summary>What became of the fetch; see <see cref="FetchStatus"/> for which statuses may mean deletion.</summary>
    public required FetchStatus Status { get; init; }

    /// <summary>The URI asked for.</summary>
    public required Uri RequestUri { get; init; }

    /// <summary>The URI the body came from, after redirects (or where it stopped).</summary>
    public required Uri FinalUri { get; init; }

    /// <summary>The HTTP status of the last response, when there was one.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>
    /// The body, decompressed, when <see cref="Status"/> is <see cref="FetchStatus.Ok"/>; empty otherwise. A JSON body
    /// (<see cref="FetchRequest.ExpectJson"/>) is UTF-8 without a byte order mark, transcoded when it came as UTF-16 or
    /// in a declared legacy charset.
    /// </summary>
    public ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The media type of the body (without parameters).</summary>
    public string? ContentType { get; init; }

    /// <summary>The response's ETag, as sent (quotes and W/ kept), to store for the next conditional GET.</summary>
    public string? ETag { get; init; }

    /// <summary>The response's Last-Modified, to store for the next conditional GET.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Why it failed, in words for the operator; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>How many HTTP attempts were made (retries and redirect hops included; 0 when blocked before sending).</summary>
    public int Attempts { get; init; }

    /// <summary>Wall time spent, waits for politeness and retries included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>True when <see cref="Status"/> is <see cref="FetchStatus.Ok"/>.</summary>
    public bool IsOk => Status == FetchStatus.Ok;

    /// <summary>True for 404 and 410: the only outcomes the pipeline may treat as "the document is gone".</summary>
    public bool MeansDeleted => Status is FetchStatus.NotFound or FetchStatus.Gone;
}
