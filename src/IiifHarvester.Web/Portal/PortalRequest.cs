namespace IiifHarvester.Web.Portal;

/// <summary>
/// What a portal page request brings, bound once: its query (words, filters, sort, page, the place in an object),
/// the reader's languages (Accept-Language) and the portal context (our URLs, source names, options).
/// </summary>
internal readonly record struct PortalRequest(RequestQuery Query, ReaderLanguages Readers, PortalContext Portal);
