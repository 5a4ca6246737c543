using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Catalog;

/// <summary>
/// What a catalog request (<c>/iiif/catalog[/collection]</c>) brings, bound once: its query (words, filters, sort and
/// page, read by <see cref="CatalogEndpoints"/> and <see cref="CatalogParameters"/>, and echoed in the page links), the
/// headers that choose the answer, and our URLs.
/// </summary>
internal readonly record struct CatalogPageRequest(
    RequestQuery Query,
    PublicUrls Urls,
    [FromHeader(Name = "Accept")] string? Accept,
    [FromHeader(Name = "If-None-Match")] string? IfNoneMatch);
