using IiifHarvester.Indexing;
using IiifHarvester.Indexing.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IiifHarvester.Web.Search;

/// <summary>The services a Content Search or autocomplete handler uses.</summary>
internal sealed record SearchServices(
    [FromServices] IContentSearch Search,
    [FromServices] IOptions<IndexingOptions> Indexing,
    [FromServices] IOptions<SearchApiOptions> Api,
    [FromServices] ILoggerFactory Loggers)
{
    /// <summary>The search endpoints' logger.</summary>
    public ILogger Logger => Loggers.CreateLogger(typeof(SearchEndpoints));
}
