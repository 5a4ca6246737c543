namespace IiifHarvester.Indexing.Search;

/// <summary>The part of a hit that lies in one annotation (Content Search 2.0 TextQuoteSelector).</summary>
/// <param name="Annotation">The annotation.</param>
/// <param name="Exact">The matched text within it.</param>
/// <param name="Prefix">Text of the same annotation before the match (empty when the match starts it).</param>
/// <param name="Suffix">Text of the same annotation after the match (empty when the match ends it).</param>
public sealed record HitSegment(HitAnnotation Annotation, string Exact, string Prefix, string Suffix);
