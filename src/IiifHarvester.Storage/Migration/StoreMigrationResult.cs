namespace IiifHarvester.Storage.Migration;

/// <summary>What a store copy moved.</summary>
/// <param name="Documents">Documents copied (live and deleted, with their bytes).</param>
/// <param name="Changes">Change log entries copied, with their numbers.</param>
/// <param name="Checkpoints">Source checkpoints copied.</param>
/// <param name="ImageServices">Image services copied.</param>
/// <param name="Failures">Document failure records copied.</param>
/// <param name="LastSequence">The change log's last number, where the PostgreSQL store continues from.</param>
public sealed record StoreMigrationResult(long Documents, long Changes, long Checkpoints, long ImageServices, long Failures, long LastSequence)
{
    /// <summary>Collection membership rows copied (what each collection document lists).</summary>
    public long Memberships { get; init; }
}
