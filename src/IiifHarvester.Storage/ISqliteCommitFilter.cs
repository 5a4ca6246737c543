namespace IiifHarvester.Storage;

/// <summary>
/// A seam in the SQLite store's write path: asked before each write transaction commits, it may throw what SQLite
/// throws (SQLITE_FULL for a full disk) to fail the transaction as the database would. The host registers none;
/// tests register one where they cannot mount a small disk of their own.
/// </summary>
public interface ISqliteCommitFilter
{
    /// <summary>Called on the writer's thread before a transaction on <paramref name="databasePath"/> commits.</summary>
    void BeforeCommit(string databasePath);
}
