namespace IiifHarvester.Indexing.Analysis;

/// <summary>One token of analysed text.</summary>
/// <param name="Term">The indexed form.</param>
/// <param name="Position">Its position, counted from 0 for the first token.</param>
/// <param name="StartOffset">Where it starts in the original text.</param>
/// <param name="EndOffset">Where it ends in the original text.</param>
internal readonly record struct AnalyzedToken(string Term, int Position, int StartOffset, int EndOffset);
