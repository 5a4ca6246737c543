using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Search;

/// <summary>
/// What a Content Search or autocomplete request (<c>/iiif/search/{version}/{key}[/autocomplete]</c>) brings, bound
/// once: the route, the whole query (its parameters are checked by <see cref="SearchParameters.TryParse"/>, and those
/// we do not know are reported as ignored), the headers that choose the answer, and our URLs.
/// </summary>
internal readonly record struct SearchRequest(
    int Version,
    string Key,
    RequestQuery Query,
    PublicUrls Urls,
    [FromHeader(Name = "Accept")] string? Accept,
    [FromHeader(Name = "If-None-Match")] string? IfNoneMatch);
