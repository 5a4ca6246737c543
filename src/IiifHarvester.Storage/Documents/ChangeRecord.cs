namespace IiifHarvester.Storage.Documents;

/// <summary>One entry of the change log. Sequences strictly increase; the index and our own Discovery stream follow them.</summary>
/// <param name="Sequence">The change's number.</param>
/// <param name="Uri">The root document (manifest or collection) that changed.</param>
/// <param name="SourceKey">Its source.</param>
/// <param name="Kind">Manifest or collection.</param>
/// <param name="Type">Upserted or deleted.</param>
/// <param name="At">When the change was recorded.</param>
public sealed record ChangeRecord(long Sequence, string Uri, string SourceKey, DocumentKind Kind, ChangeType Type, DateTimeOffset At);
