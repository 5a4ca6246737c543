namespace IiifHarvester.Web.Search;

/// <summary>Settings of the public IIIF endpoints (configuration section <c>Web:Search</c>).</summary>
public sealed class SearchApiOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "Web:Search";

    /// <summary>
    /// The public base URL ids are built from (<c>https://iiif.example.org/aggregator</c>). When unset, ids are
    /// built from each request's scheme, host and path base, which the host's forwarded-headers handling sets.
    /// </summary>
    /// <value>Default: null (from the request).</value>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long clients and proxies may reuse an answer before revalidating it with its ETag.</summary>
    /// <value>Default: 60 seconds.</value>
    public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromSeconds(60);
}
