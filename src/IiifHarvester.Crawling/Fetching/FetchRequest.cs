namespace IiifHarvester.Crawling.Fetching;

/// <summary>One GET to make, conditional when validators from the stored copy are given.</summary>
/// <param name="Uri">The absolute http(s) URI.</param>
/// <param name="Policy">The source's policy.</param>
public sealed record FetchRequest(Uri Uri, FetchPolicy Policy)
{
    /// <summary>The stored copy's ETag, sent as <c>If-None-Match</c>.</summary>
    public string? ETag { get; init; }

    /// <summary>The stored copy's Last-Modified, sent as <c>If-Modified-Since</c>.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>
    /// Whether the body must be JSON: a body that starts with <c>&lt;</c> (an HTML error page, a login page) is then
    /// <see cref="FetchStatus.InvalidResponse"/>. False for OCR files (ALTO, hOCR).
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool ExpectJson { get; init; } = true;

    /// <summary>The Accept header; null sends the IIIF JSON-LD preference (or <c>*/*</c> when <see cref="ExpectJson"/> is false).</summary>
    public string? Accept { get; init; }
}
