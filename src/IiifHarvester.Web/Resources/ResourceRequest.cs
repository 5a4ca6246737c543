using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Resources;

/// <summary>What a lookup (<c>/api/resources?uri=</c>) brings, bound once: the institution's id, If-None-Match and our URLs.</summary>
internal readonly record struct ResourceRequest(
    [FromQuery(Name = "uri")] string? Uri,
    PublicUrls Urls,
    [FromHeader(Name = "If-None-Match")] string? IfNoneMatch);
