namespace IiifHarvester.Images.Caching;

/// <summary>A cached info document or derivative: its body lies in <see cref="BodyPath"/>.</summary>
public sealed record CachedResource
{
    /// <summary>The image service's key.</summary>
    public required string ServiceKey { get; init; }

    /// <summary><c>{service key}/{canonical path}</c>.</summary>
    public required string CacheKey { get; init; }

    /// <summary>The body file.</summary>
    public required string BodyPath { get; init; }

    /// <summary>The media type.</summary>
    public required string ContentType { get; init; }

    /// <summary>Body length in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Our strong ETag for the body (quoted), from its hash.</summary>
    public required string ETag { get; init; }

    /// <summary>When the content last changed, as we tell clients.</summary>
    public required DateTimeOffset LastModified { get; init; }

    /// <summary>When we last fetched or revalidated it.</summary>
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>The upstream's ETag, for revalidation.</summary>
    public string? UpstreamETag { get; init; }

    /// <summary>The upstream's Last-Modified, for revalidation.</summary>
    public DateTimeOffset? UpstreamLastModified { get; init; }

    /// <summary>Whether we composed it locally (revalidated by composing again from revalidated pieces).</summary>
    public bool Composed { get; init; }
}
