namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// What became of one fetch. <b>Only <see cref="NotFound"/> and <see cref="Gone"/> may ever be read as a deletion</b>
/// by the pipeline: every other failure (401, 403, timeouts, resets, 5xx, an open circuit, a blocked address) leaves
/// what the store holds untouched (Change Discovery §4.2: inaccessibility is not deletion).
/// </summary>
public enum FetchStatus
{
    /// <summary>2xx with a body within the size limits.</summary>
    Ok,

    /// <summary>304 to a conditional GET: the stored copy is current.</summary>
    NotModified,

    /// <summary>404. May be read as a deletion.</summary>
    NotFound,

    /// <summary>410. May be read as a deletion.</summary>
    Gone,

    /// <summary>401. Never a deletion.</summary>
    Unauthorized,

    /// <summary>403. Never a deletion.</summary>
    Forbidden,

    /// <summary>The body (on the wire or expanded) exceeded the configured maximum; reading stopped there.</summary>
    TooLarge,

    /// <summary>Not sent: robots.txt disallows it, the scheme is not http/https, or the address is loopback/private/link-local.</summary>
    Blocked,

    /// <summary>Timeouts, connection resets, 5xx or 429 still failing after the retries, or the host's circuit is open. Try again next run.</summary>
    TransientFailure,

    /// <summary>
    /// The response was unusable: a redirect loop or too many redirects, HTML served where JSON was expected, a corrupt
    /// compressed body, an empty body, a 304 to a request that was not conditional.
    /// </summary>
    InvalidResponse,

    /// <summary>Any other HTTP error status (400, 405, 406, 501...). Never a deletion.</summary>
    HttpError,
}
