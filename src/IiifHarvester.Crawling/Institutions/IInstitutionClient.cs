namespace IiifHarvester.Crawling.Institutions;

/// <summary>
/// GETs from institutions for callers other than the crawler (the image proxy): over the same guarded connections
/// as the crawler (address rules on every connection, redirects followed hop by hop and checked), through a per-host
/// gate, with our User-Agent and capped body sizes, compressed or not.
/// </summary>
public interface IInstitutionClient
{
    /// <summary>
    /// Sends the request, following redirects the request allows, and reads the body whole (capped).
    /// Throws <see cref="InstitutionRequestException"/> when refused (address, host, redirects) or too large,
    /// <see cref="HttpRequestException"/> or <see cref="IOException"/> for network failures and truncated bodies.
    /// </summary>
    Task<InstitutionResponse> GetAsync(InstitutionRequest request, CancellationToken cancellationToken);
}
