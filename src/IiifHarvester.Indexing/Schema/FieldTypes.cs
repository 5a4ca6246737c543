using Lucene.Net.Documents;
using Lucene.Net.Index;

namespace IiifHarvester.Indexing.Schema;

/// <summary>The Lucene field types of the schema.</summary>
internal static class FieldTypes
{
    /// <summary>
    /// Annotation text and its stemmed copies: positions and offsets in the postings, so hits, snippets and word
    /// boxes come from the query terms' postings alone (no term vectors, no re-analysis); not stored (the text a hit
    /// shows is in the document's <see cref="PageRecord"/>); no norms, since text documents are returned in reading
    /// order, not by score.
    /// </summary>
    public static readonly FieldType TextWithOffsets = Create(stored: false);

    private static FieldType Create(bool stored)
    {
        var type = new FieldType
        {
            IsIndexed = true,
            IsTokenized = true,
            IsStored = stored,
            OmitNorms = true,
            IndexOptions = IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS,
        };
        type.Freeze();
        return type;
    }
}
