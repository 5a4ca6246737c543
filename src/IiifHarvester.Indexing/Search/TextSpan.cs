namespace IiifHarvester.Indexing.Search;

/// <summary>A hit's extent in a text document: positions (for merging) and character offsets.</summary>
/// <param name="StartPosition">The first token position.</param>
/// <param name="EndPosition">The last token position.</param>
/// <param name="StartOffset">The first character.</param>
/// <param name="EndOffset">The character after the last.</param>
/// <param name="IsPhrase">True when the hit holds every part of the query next to each other in the query's order (ranked first).</param>
internal readonly record struct TextSpan(int StartPosition, int EndPosition, int StartOffset, int EndOffset, bool IsPhrase = false);
