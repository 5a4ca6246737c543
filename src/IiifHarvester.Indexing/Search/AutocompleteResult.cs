namespace IiifHarvester.Indexing.Search;

/// <summary>Completions, sorted alphabetically.</summary>
/// <param name="Terms">The terms with their counts.</param>
/// <param name="Generation">The version of the index reader that answered.</param>
public sealed record AutocompleteResult(IReadOnlyList<TermCount> Terms, long Generation);
