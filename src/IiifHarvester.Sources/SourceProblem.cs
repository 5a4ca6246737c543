namespace IiifHarvester.Sources;

/// <summary>Why a configured source was not scheduled.</summary>
/// <param name="SourceKey">The source as named in configuration.</param>
/// <param name="Errors">Everything wrong with it, each naming the setting.</param>
public sealed record SourceProblem(string SourceKey, IReadOnlyList<string> Errors);
