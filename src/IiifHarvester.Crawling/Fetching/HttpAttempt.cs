namespace IiifHarvester.Crawling.Fetching;

/// <summary>The outcome of one HTTP attempt inside the resilience pipeline.</summary>
internal sealed record HttpAttempt
{
    /// <summary>What the attempt means, were it the last one.</summary>
    public required FetchStatus Status { get; init; }

    public int? HttpStatus { get; init; }

    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public string? ETag { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The redirect target, for 301/302/303/307/308.</summary>
    public Uri? Location { get; init; }

    /// <summary>The server's Retry-After, as a delay from now.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Worth another attempt (408, 429, 5xx, network errors).</summary>
    public bool Transient { get; init; }

    /// <summary>Counts against the host's circuit (5xx, network errors; not 429, which is the host asking us to slow down).</summary>
    public bool HostFailure { get; init; }

    public string? Error { get; init; }

    public static HttpAttempt Failed(FetchStatus status, string error, bool transient = false, bool hostFailure = false, int? httpStatus = null) =>
        new() { Status = status, Error = error, Transient = transient, HostFailure = hostFailure, HttpStatus = httpStatus };
}
