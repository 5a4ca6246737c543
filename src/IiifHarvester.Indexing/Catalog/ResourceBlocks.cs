using System.Runtime.CompilerServices;
using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// Where each segment's resource documents are. A resource is indexed as one block (its resource document, then
/// its text documents; <c>SearchIndex.Upsert</c>), and merges keep blocks whole, so the resource owning a text
/// document is the nearest resource document at or before it: one <see cref="FixedBitSet.PrevSetBit"/>, no stored
/// field read. The bits are computed once per segment core (segments never change; deletes do not move documents).
/// </summary>
internal static class ResourceBlocks
{
    private static readonly ConditionalWeakTable<object, FixedBitSet> Cache = [];

    /// <summary>The resource document owning <paramref name="textDoc"/> in <paramref name="leaf"/>, or -1.</summary>
    public static int OwnerOf(AtomicReaderContext leaf, int textDoc) => Of(leaf).PrevSetBit(textDoc);

    /// <summary>The resource documents of <paramref name="leaf"/>, deleted ones included.</summary>
    public static FixedBitSet Of(AtomicReaderContext leaf) => Of(leaf.AtomicReader);

    /// <summary>The resource documents of <paramref name="reader"/>'s segment, deleted ones included.</summary>
    public static FixedBitSet Of(AtomicReader reader) =>
        Cache.GetValue(reader.CoreCacheKey, _ => Compute(reader));

    private static FixedBitSet Compute(AtomicReader reader)
    {
        var bits = new FixedBitSet(Math.Max(1, reader.MaxDoc));
        var terms = reader.GetTerms(FieldNames.DocType)?.GetEnumerator();
        if (terms is null || !terms.SeekExact(new BytesRef(FieldNames.DocTypeResource)))
        {
            return bits;
        }

        // Deleted documents included (null live docs): the bits are shared by every reader of this core.
        var docs = terms.Docs(null, null, DocsFlags.NONE);

        int doc;
        while ((doc = docs.NextDoc()) != Lucene.Net.Search.DocIdSetIterator.NO_MORE_DOCS)
        {
            bits.Set(doc);
        }

        return bits;
    }
}
