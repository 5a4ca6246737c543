namespace IiifHarvester.Sources;

/// <summary>The configured sources: the valid ones to harvest, and what was wrong with the others.</summary>
/// <param name="Sources">Valid sources, in key order.</param>
/// <param name="Problems">Sources that were reported and skipped.</param>
public sealed record SourceCatalog(IReadOnlyList<SourceDefinition> Sources, IReadOnlyList<SourceProblem> Problems)
{
    /// <summary>The source with <paramref name="key"/>, or null.</summary>
    public SourceDefinition? Find(string key) => Sources.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));
}
