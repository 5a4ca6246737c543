namespace IiifHarvester.Images.Serving;

/// <summary>
/// <c>Cache-Status</c> header values (RFC 9211) for image and info.json answers: whether the answer came from the cache
/// (<c>hit</c>), why the upstream was asked (<c>fwd=uri-miss</c>, <c>fwd=stale</c> for a revalidation,
/// <c>fwd=bypass</c> for uncached IIIF Auth answers), what it answered (<c>fwd-status</c>), and whether the answer
/// was kept (<c>stored</c>).
/// </summary>
internal static class CacheStatusValues
{
    /// <summary>A fresh cached answer.</summary>
    public const string Hit = "IiifHarvester; hit";

    /// <summary>Not cached: fetched (or made locally from cached or fetched pieces) and kept.</summary>
    public const string Miss = "IiifHarvester; fwd=uri-miss; stored";

    /// <summary>Stale: the upstream said it has not changed (304); the copy is fresh again.</summary>
    public const string Revalidated = "IiifHarvester; fwd=stale; fwd-status=304";

    /// <summary>Stale: the upstream sent a new copy, which was kept.</summary>
    public const string Replaced = "IiifHarvester; fwd=stale; fwd-status=200; stored";

    /// <summary>Stale and made locally: made again from revalidated pieces and kept.</summary>
    public const string Remade = "IiifHarvester; fwd=stale; stored";

    /// <summary>Not cached by design (IIIF Auth: the answer depends on the client's credentials).</summary>
    public const string Bypass = "IiifHarvester; fwd=bypass";

    /// <summary>Refused by us (malformed or unsupported request, unknown key): the cache was not consulted.</summary>
    public const string Refused = "IiifHarvester; detail=refused";

    /// <summary>An upstream error remembered briefly and answered without asking again.</summary>
    public const string RememberedError = "IiifHarvester; hit; detail=upstream-error";

    /// <summary>Stale, the revalidation failed, and the stale copy was served (stale-if-error).</summary>
    public static string StaleIfError(int? upstreamStatus) => upstreamStatus is { } status
        ? $"IiifHarvester; fwd=stale; fwd-status={status}; detail=stale-if-error"
        : "IiifHarvester; fwd=stale; detail=stale-if-error";

    /// <summary>Asked the upstream, which failed (<paramref name="upstreamStatus"/> null: no usable answer: unreachable, timed out, too big, not the type asked for).</summary>
    public static string ForwardError(int? upstreamStatus) => upstreamStatus is { } status
        ? $"IiifHarvester; fwd=uri-miss; fwd-status={status}"
        : "IiifHarvester; fwd=uri-miss; detail=upstream-failed";
}
