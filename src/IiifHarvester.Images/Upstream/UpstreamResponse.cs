namespace IiifHarvester.Images.Upstream;

/// <summary>An upstream answer, read whole (bounded by <see cref="ImagesOptions.MaxUpstreamBytes"/>).</summary>
public sealed record UpstreamResponse(int StatusCode, byte[] Body, string? ContentType, string? ETag, DateTimeOffset? LastModified)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Whether the upstream said our copy is still good.</summary>
    public bool NotModified => StatusCode == 304;
}
