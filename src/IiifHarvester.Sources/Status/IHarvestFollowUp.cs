
namespace IiifHarvester.Sources.Status;

/// <summary>
/// Work another part of the host does after a source's run (warming the image cache for what was harvested, for
/// instance). Called once per finished run, on the run's thread: implementations queue their work and return at once.
/// </summary>
public interface IHarvestFollowUp
{
    /// <summary>The run of <paramref name="source"/> finished with <paramref name="result"/>.</summary>
    void Harvested(SourceDefinition source, HarvestRunResult result);
}
