using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Discovery;

/// <summary>What a request for the stream or one of its pages brings, bound once: where it came to and what it accepts.</summary>
internal readonly record struct DiscoveryRequest(
    RequestOrigin Origin,
    [FromHeader(Name = "Accept")] string? Accept);
