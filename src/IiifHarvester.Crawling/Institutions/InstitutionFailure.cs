namespace IiifHarvester.Crawling.Institutions;

/// <summary>Why an institution request was refused or failed before an answer could be used.</summary>
public enum InstitutionFailure
{
    /// <summary>The address is loopback, private, link-local or reserved, and the source does not allow private networks (no connection was made).</summary>
    AddressRefused,

    /// <summary>The caller does not allow the URL (another host than the source's); no connection was made.</summary>
    NotAllowed,

    /// <summary>More redirects than allowed, or a redirect loop.</summary>
    TooManyRedirects,

    /// <summary>The body is over the size cap on the wire or after decompression.</summary>
    TooLarge,

    /// <summary>The body could not be decoded (unknown or corrupt Content-Encoding).</summary>
    Undecodable,
}
