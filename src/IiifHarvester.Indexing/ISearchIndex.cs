namespace IiifHarvester.Indexing;

/// <summary>
/// The write side of the Lucene index: one writer on the index directory (a singleton), readers refreshed
/// through a SearcherManager. Upserts and deletes become searchable at the next commit, or within
/// <see cref="IndexingOptions.RefreshInterval"/> while readers are being asked for,
/// and are durable only once <see cref="Commit"/> records the store's change sequence with them; on a crash the
/// uncommitted changes are lost and the caller catches up from <see cref="CommittedSequence"/>.
/// </summary>
public interface ISearchIndex
{
    /// <summary>The change sequence recorded by the last commit (commit user data <c>sequence</c>); 0 for an empty index.</summary>
    long CommittedSequence { get; }

    /// <summary>
    /// Replaces everything indexed for <see cref="IndexedResource.Uri"/> (its resource document and every annotation
    /// document) with <paramref name="resource"/>. Safe to call from several threads at once.
    /// </summary>
    void Upsert(IndexedResource resource);

    /// <summary>Removes everything indexed for <paramref name="uri"/>.</summary>
    void Delete(string uri);

    /// <summary>Commits with <paramref name="sequence"/> in the commit user data, then refreshes readers.</summary>
    void Commit(long sequence);

    /// <summary>Removes every document (reindex); durable at the next <see cref="Commit"/>.</summary>
    void DeleteAll();

    /// <summary>What the index holds now.</summary>
    IndexStatistics GetStatistics();
}
