namespace IiifHarvester.Sources.Status;

/// <summary>Why writes to one part fail, since when, and when they last failed.</summary>
/// <param name="Reason">The last error's message.</param>
/// <param name="Since">When the failures began.</param>
/// <param name="LastAt">When the last one happened.</param>
public sealed record WriteFailure(string Reason, DateTimeOffset Since, DateTimeOffset LastAt);
