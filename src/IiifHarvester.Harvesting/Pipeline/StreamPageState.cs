using System.Text.Json.Serialization;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>What a stream's entry point and last page looked like at the last completed walk.</summary>
internal sealed record StreamPageState
{
    /// <summary>The <c>last</c> page URI the OrderedCollection named.</summary>
    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    /// <summary>The OrderedCollection's <c>totalItems</c>, when it gave one.</summary>
    [JsonPropertyName("totalItems")]
    public long? TotalItems { get; init; }

    /// <summary>The last page's ETag.</summary>
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    /// <summary>The last page's Last-Modified.</summary>
    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>SHA-256 of the last page's bytes.</summary>
    [JsonPropertyName("hash")]
    public required string Hash { get; init; }
}
