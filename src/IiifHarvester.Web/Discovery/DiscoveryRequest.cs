using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Discovery;

/// <summary>
/// What a request for the stream or one of its pages brings, bound once: our URLs (the base of every id in it) and
/// what it accepts.
/// </summary>
internal readonly record struct DiscoveryRequest(
    PublicUrls Urls,
    [FromHeader(Name = "Accept")] string? Accept);
