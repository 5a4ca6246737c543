using IiifHarvester.Images.Caching;
using IiifHarvester.Images.Upstream;

namespace IiifHarvester.Images.Serving;

/// <summary>The answer to an image request: a cached file, or an upstream answer passed through uncached (auth).</summary>
internal sealed record ImageOutcome(CachedResource? Resource, UpstreamResponse? Passthrough, bool Hit);
