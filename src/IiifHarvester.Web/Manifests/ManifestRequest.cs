using Microsoft.AspNetCore.Mvc;

namespace IiifHarvester.Web.Manifests;

/// <summary>What a request for our copy (<c>/iiif/manifests/{key}</c>) brings, bound once: the key, the headers that choose the answer, and our URLs.</summary>
internal readonly record struct ManifestRequest(
    string Key,
    PublicUrls Urls,
    [FromHeader(Name = "Accept")] string? Accept,
    [FromHeader(Name = "If-None-Match")] string? IfNoneMatch);
