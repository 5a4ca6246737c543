namespace IiifHarvester.Indexing.Search;

/// <summary>
/// One match of the query: a word, a phrase, or adjacent query words (possibly running on across lines), with the
/// one annotation that shows it.
/// </summary>
/// <param name="Annotation">The hit's own annotation; its text holds <see cref="Before"/>, <see cref="Match"/> and <see cref="After"/> in order.</param>
/// <param name="Match">The matched text.</param>
/// <param name="Before">Text of the annotation just before the match, cut at a word boundary (empty when the match starts it).</param>
/// <param name="After">Text of the annotation just after the match, cut at a word boundary (empty when the match ends it).</param>
public sealed record SearchHit(HitAnnotation Annotation, string Match, string Before, string After);
