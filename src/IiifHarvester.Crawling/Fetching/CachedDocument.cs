namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// The stored copy of a document, as the pipeline has it: its validators make the fetch conditional, and its bytes
/// stand in for the body when the answer is 304 (a walker must read an unchanged collection to go on).
/// </summary>
/// <param name="Body">The stored bytes.</param>
public sealed record CachedDocument(ReadOnlyMemory<byte> Body)
{
    /// <summary>The stored ETag.</summary>
    public string? ETag { get; init; }

    /// <summary>The stored Last-Modified.</summary>
    public DateTimeOffset? LastModified { get; init; }
}
