namespace IiifHarvester.Storage.Documents;

/// <summary>What happened to a root document.</summary>
public enum ChangeType
{
    /// <summary>Created or updated (itself or a document it owns).</summary>
    Upserted = 1,

    /// <summary>Deleted upstream.</summary>
    Deleted = 2,
}
