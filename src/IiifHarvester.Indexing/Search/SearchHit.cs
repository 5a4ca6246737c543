namespace IiifHarvester.Indexing.Search;

/// <summary>
/// One match of the query: a word, a phrase, or adjacent query words, possibly running across several annotations
/// (lines), each segment pointing at its annotation.
/// </summary>
/// <param name="Match">The matched text (line breaks as spaces).</param>
/// <param name="Before">Text before the match, across line breaks, cut at a word boundary.</param>
/// <param name="After">Text after the match, across line breaks, cut at a word boundary.</param>
/// <param name="Segments">The parts of the match per annotation, in reading order.</param>
public sealed record SearchHit(string Match, string Before, string After, IReadOnlyList<HitSegment> Segments);
