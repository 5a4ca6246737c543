namespace IiifHarvester.Indexing.Querying;

/// <summary>One word or one quoted phrase of a user's query.</summary>
/// <param name="Text">The word or the phrase's text, as typed.</param>
/// <param name="IsPhrase">True for a "quoted phrase" (matched exactly, unstemmed, in order).</param>
public sealed record QueryPart(string Text, bool IsPhrase);
