using Microsoft.AspNetCore.Http;

namespace IiifHarvester.Web.Home;

/// <summary>
/// What a request for <c>/</c> brings, bound once: our URLs (the base of the links in the description) and the
/// request itself, which the portal's home page reads for the reader's languages and our URLs.
/// </summary>
internal readonly record struct HomeRequest(PublicUrls Urls, HttpContext Context);
