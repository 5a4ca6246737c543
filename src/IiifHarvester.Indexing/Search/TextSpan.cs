namespace IiifHarvester.Indexing.Search;

/// <summary>A hit's extent in a text document: positions (for merging) and character offsets.</summary>
internal readonly record struct TextSpan(int StartPosition, int EndPosition, int StartOffset, int EndOffset);
