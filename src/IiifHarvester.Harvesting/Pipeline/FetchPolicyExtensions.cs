using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Sources;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>Turns a source's politeness settings into the crawler's fetch policy.</summary>
internal static class FetchPolicyExtensions
{
    public static FetchPolicy ToFetchPolicy(this SourceDefinition source) => new()
    {
        SourceKey = source.Key,
        RequestsPerSecond = source.RequestsPerSecond,
        MaxConcurrency = source.MaxConcurrency,
        CrawlDelay = source.CrawlDelay,
        RespectRobotsTxt = source.RespectRobotsTxt,
        AllowPrivateNetworks = source.AllowPrivateNetworks,
        Headers = source.Headers,

        // The headers were given for the institution's own hosts: those of its configured streams, collections and manifests.
        HeaderHosts = source.Streams.Concat(source.Collections).Concat(source.Manifests).Select(FetchPolicy.HostOf).ToHashSet(StringComparer.Ordinal),
    };
}
