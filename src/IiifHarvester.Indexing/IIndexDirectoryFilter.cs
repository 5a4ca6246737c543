using LuceneDirectory = Lucene.Net.Store.Directory;

namespace IiifHarvester.Indexing;

/// <summary>
/// A seam between the index and its folder: wraps the Lucene directory the index is read and written through. The
/// host registers none; tests register one that fails writes as a full disk does (ENOSPC), where they cannot mount a
/// small disk of their own.
/// </summary>
public interface IIndexDirectoryFilter
{
    /// <summary>The directory to use for the index at <paramref name="location"/> instead of <paramref name="directory"/>.</summary>
    LuceneDirectory Wrap(string location, LuceneDirectory directory);
}
