namespace IiifHarvester.Images.Upstream;

/// <summary>The validators a cached copy carries, for a conditional GET.</summary>
public sealed record UpstreamValidators(string? ETag, DateTimeOffset? LastModified);
