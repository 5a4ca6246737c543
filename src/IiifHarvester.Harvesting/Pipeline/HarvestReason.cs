namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>Why a document is being fetched; decides how much is checked again when it has not changed.</summary>
internal enum HarvestReason
{
    /// <summary>A Discovery activity said the manifest changed: its annotation lists may have changed too.</summary>
    StreamChange,

    /// <summary>A Discovery activity about a collection: the collection document itself is kept.</summary>
    StreamCollection,

    /// <summary>Found in a collection crawl: an unchanged manifest costs one 304 and nothing more.</summary>
    CollectionMember,

    /// <summary>Listed in the source's configuration.</summary>
    Listed,

    /// <summary>Checked again by a full reconciliation: only whether it still exists and changed.</summary>
    Reconcile,
}
