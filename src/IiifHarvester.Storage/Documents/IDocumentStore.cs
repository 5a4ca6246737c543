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
    /// Keeps a fetched document. A root whose bytes changed (or that is new) gets a change; an owned document that
    /// changed gets a change logged for its owner. Unchanged bytes only refresh the validators and fetch time.
    /// </summary>
    Task<WriteResult> PutAsync(DocumentWrite write, CancellationToken cancellationToken);

    /// <summary>Records that a conditional GET answered 304: the fetch time moves on, nothing else changes.</summary>
    Task MarkRevalidatedAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks a root document deleted (its bytes are kept) and logs the change; null when absent or already deleted.</summary>
    Task<long?> DeleteAsync(string uri, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks deleted the documents owned by <paramref name="ownerUri"/> that are not in <paramref name="keep"/> (a
    /// manifest that no longer references them) and logs a change for the owner when any was; returns how many.
    /// </summary>
    Task<int> ReleaseOwnedAsync(string ownerUri, IReadOnlyCollection<string> keep, CancellationToken cancellationToken);

    /// <summary>The annotation and OCR documents owned by <paramref name="ownerUri"/>.</summary>
    Task<IReadOnlyList<StoredDocumentInfo>> GetOwnedAsync(string ownerUri, CancellationToken cancellationToken);

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
}
