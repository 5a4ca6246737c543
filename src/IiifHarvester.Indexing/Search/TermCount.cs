namespace IiifHarvester.Indexing.Search;

/// <summary>A term and how often it occurs in the scope.</summary>
/// <param name="Term">The indexed (folded) term.</param>
/// <param name="Count">Occurrences.</param>
public sealed record TermCount(string Term, long Count);
