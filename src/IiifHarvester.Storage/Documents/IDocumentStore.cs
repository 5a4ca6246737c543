using IiifHarvester.Storage.Collections;
using IiifHarvester.Storage.Failures;
using IiifHarvester.Storage.Leases;

namespace IiifHarvester.Storage.Documents;

/// <summary>
/// The store: every fetched document as fetched, per-source checkpoints and the change log. The truth that the
/// index is a view of (DESIGN.md). SQLite now; PostgreSQL is the second implementation.
/// </summary>
public interface IDocumentStore
{
    /// <summary>What the store knows of <paramref name="uri"/>, or null.</summary>
    Task<StoredDocumentInfo?> GetInfoAsync(string uri, CancellationToken cancellationToken);

    /// <summary>The document at <paramref name="uri"/> with its bytes, or null (deleted documents are returned, marked).</summary>
    Task<StoredDocument?> GetAsync(string uri, CancellationToken cancellationToken);

    /// <summary>The document whose URI has the key <paramref name="key"/>, or null.</summary>
    Task<StoredDocument?> GetByKeyAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Keeps a fetched document. A root whose bytes changed (or that is new, or written with
    /// <see cref="DocumentWrite.ForceChange"/>) gets a change. Owned documents log nothing themselves: the harvest
    /// writes a manifest's annotation lists first and the manifest last, so the manifest's one change covers them and
    /// the index never sees a manifest half-way through its full text. Unchanged bytes only refresh the validators
    /// and fetch time.
    /// </summary>
    Task<WriteResult> PutAsync(DocumentWrite write, CancellationToken cancellationToken);

    /// <summary>Records that a conditional GET answered 304: the fetch time moves on, nothing else changes.</summary>
    Task MarkRevalidatedAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a root document deleted (its bytes are kept) and logs the change; null when absent or already deleted. A
    /// deleted collection no longer counts as a collection its members are in: each live document under it gets a change.
    /// </summary>
    Task<long?> DeleteAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks deleted the documents owned by <paramref name="ownerUri"/> that are not in <paramref name="keep"/> (a
    /// manifest that no longer references them) and logs a change for the owner when any was; returns how many.
    /// </summary>
    Task<int> ReleaseOwnedAsync(string ownerUri, IReadOnlyCollection<string> keep, CancellationToken cancellationToken);

    /// <summary>The annotation and OCR documents owned by <paramref name="ownerUri"/>.</summary>
    Task<IReadOnlyList<StoredDocumentInfo>> GetOwnedAsync(string ownerUri, CancellationToken cancellationToken);

    /// <summary>The live annotation and OCR documents owned by <paramref name="ownerUri"/>, with their bytes, in one read.</summary>
    Task<IReadOnlyList<StoredDocument>> GetOwnedDocumentsAsync(string ownerUri, CancellationToken cancellationToken);

    /// <summary>
    /// Logs a change for the live root document <paramref name="uri"/> without new bytes (what it owns changed, or
    /// the institution said it changed); the new sequence, or null when no live document has that URI.
    /// </summary>
    Task<long?> RecordChangeAsync(string uri, CancellationToken cancellationToken);

    /// <summary>
    /// Records what a collection document lists, replacing what it listed before. Every live manifest or collection
    /// whose collections changed by it (a member added or dropped, and everything under such a member that is a
    /// collection) gets a change, so the index and our Discovery stream follow membership as they follow bytes; its
    /// own sequence stays that of its last write. Returns how many changes were logged (0 when the listing is as
    /// recorded).
    /// </summary>
    Task<int> SetMembersAsync(CollectionListing listing, CancellationToken cancellationToken);

    /// <summary>
    /// The live collections <paramref name="uri"/> is in, at any depth (the collections that list it, the collections
    /// that list those, …), nearest first; cycles are followed once.
    /// </summary>
    Task<IReadOnlyList<CollectionMembership>> GetCollectionsOfAsync(string uri, CancellationToken cancellationToken);

    /// <summary>Changes after <paramref name="afterSequence"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<ChangeRecord>> GetChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The newest change sequence (0 when none).</summary>
    Task<long> GetLastSequenceAsync(CancellationToken cancellationToken);

    /// <summary>The documents of a source, optionally of one kind, live only unless asked.</summary>
    IAsyncEnumerable<StoredDocumentInfo> ListAsync(string sourceKey, DocumentKind? kind, bool includeDeleted, CancellationToken cancellationToken);

    /// <summary>A named checkpoint of a source (e.g. a Discovery stream's last completed crawl), or null.</summary>
    Task<string?> GetCheckpointAsync(string sourceKey, string name, CancellationToken cancellationToken);

    /// <summary>Sets a named checkpoint of a source.</summary>
    Task SetCheckpointAsync(string sourceKey, string name, string value, CancellationToken cancellationToken);

    /// <summary>
    /// Takes or renews the run lease of <paramref name="sourceKey"/> for <paramref name="owner"/>, until
    /// <paramref name="duration"/> from now: granted when nobody holds it, when its holder let it expire, or when
    /// <paramref name="owner"/> already holds it (a renewal). Returns the lease as it stands after the call; when its
    /// <see cref="SourceLease.Owner"/> is someone else, it was refused. Atomic across processes sharing the store.
    /// </summary>
    Task<SourceLease> AcquireLeaseAsync(string sourceKey, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives up the lease of <paramref name="sourceKey"/> when <paramref name="owner"/> holds it.</summary>
    Task ReleaseLeaseAsync(string sourceKey, string owner, CancellationToken cancellationToken);

    /// <summary>The documents of a source that keep failing, oldest next attempt first.</summary>
    Task<IReadOnlyList<DocumentFailure>> GetFailuresAsync(string sourceKey, CancellationToken cancellationToken);

    /// <summary>Records (or replaces) the failure of one document of a source.</summary>
    Task PutFailureAsync(DocumentFailure failure, CancellationToken cancellationToken);

    /// <summary>Forgets the failure of <paramref name="uri"/> (it succeeded, or is gone).</summary>
    Task RemoveFailureAsync(string sourceKey, string uri, CancellationToken cancellationToken);
}
