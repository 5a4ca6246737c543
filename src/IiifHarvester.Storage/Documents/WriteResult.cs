namespace IiifHarvester.Storage.Documents;

/// <summary>The result of a write.</summary>
/// <param name="Outcome">What the write did.</param>
/// <param name="Sequence">The change sequence it was logged as; null when unchanged.</param>
public sealed record WriteResult(WriteOutcome Outcome, long? Sequence);
