namespace IiifHarvester.Storage.Documents;

/// <summary>What a write did.</summary>
public enum WriteOutcome
{
    /// <summary>A new document (or one deleted before and now back).</summary>
    Added,

    /// <summary>The bytes changed.</summary>
    Updated,

    /// <summary>The bytes were the same; only the fetch time and validators were refreshed.</summary>
    Unchanged,
}
