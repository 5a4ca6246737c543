using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>Harvests one source: crawl, store, then bring the index up to date.</summary>
public interface ISourceHarvester
{
    /// <summary>Runs one harvest of <paramref name="source"/>. Per-document failures are counted, not thrown.</summary>
    Task<HarvestRunResult> HarvestAsync(SourceDefinition source, CancellationToken cancellationToken);
}
