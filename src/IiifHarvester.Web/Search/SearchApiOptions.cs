namespace IiifHarvester.Web.Search;

/// <summary>Settings of the public IIIF endpoints (configuration section <c>Web:Search</c>).</summary>
public sealed class SearchApiOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "Web:Search";

    /// <summary>How long clients and proxies may reuse an answer before revalidating it with its ETag.</summary>
    /// <value>Default: 60 seconds.</value>
    public TimeSpan CacheMaxAge { get; set; } = TimeSpan.FromSeconds(60);
}
