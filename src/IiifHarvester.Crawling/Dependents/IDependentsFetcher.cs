using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Crawling.Dependents;

/// <summary>Fetches what a manifest references for its full text: annotation lists/pages and, when enabled, OCR files.</summary>
public interface IDependentsFetcher
{
    /// <summary>
    /// Fetches the manifest's referenced annotation lists and pages (manifest- and canvas-level, following the paging of
    /// layers and annotation collections) and, when <see cref="DependentsRequest.IncludeOcr"/>, its canvases' OCR files,
    /// with the same fetcher and <paramref name="policy"/>. Never throws for network, HTTP or parse problems.
    /// </summary>
    Task<DependentsResult> FetchAsync(PresentationResource manifest, DependentsRequest request, FetchPolicy policy, CancellationToken cancellationToken);
}
