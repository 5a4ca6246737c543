using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Upstream;

namespace IiifHarvester.Images.Serving;

/// <summary>The answer to an image request: a cached file, or an upstream answer passed through uncached (auth).</summary>
internal sealed record ImageOutcome(CachedResource? Resource, UpstreamResponse? Passthrough, bool Hit)
{
    /// <summary>The body, when the memory tier holds it.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The <c>Cache-Status</c> (RFC 9211) of the answer.</summary>
    public string CacheStatus { get; init; } = CacheStatusValues.Hit;
}
