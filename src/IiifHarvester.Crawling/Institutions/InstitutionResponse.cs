namespace IiifHarvester.Crawling.Institutions;

/// <summary>An institution's answer, read whole (capped) and decompressed.</summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="FinalUri">The URL that answered (after redirects).</param>
/// <param name="Body">The body, decompressed.</param>
/// <param name="ContentType">The media type, without parameters.</param>
/// <param name="ETag">The ETag.</param>
/// <param name="LastModified">The Last-Modified date.</param>
public sealed record InstitutionResponse(int StatusCode, Uri FinalUri, byte[] Body, string? ContentType, string? ETag, DateTimeOffset? LastModified);
