using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Completes a prefix from the terms of the plain text field (folded, unstemmed, so completions are words as
/// written, less case and diacritics) with their occurrence counts in the scope. For the whole aggregate without
/// filters the counts are the index's own term statistics; otherwise each candidate's postings are intersected
/// with the scope's documents.
/// </summary>
internal static class Autocompleter
{
    public static (List<TermCount> Terms, int Scanned) Complete(IndexSearcher searcher, string prefix, Query? scope, int minCount, int limit, int scanLimit)
    {
        var terms = new List<TermCount>();
        var reader = searcher.IndexReader;
        var merged = MultiFields.GetTerms(reader, FieldNames.Text);
        if (merged is null)
        {
            return (terms, 0);
        }

        var scopeBits = scope is null ? null : DocListCollector.Bits(searcher, scope);
        if (scopeBits is not null && scopeBits.All(b => b is null))
        {
            return (terms, 0);
        }

        var prefixBytes = new BytesRef(prefix);
        var termsEnum = merged.GetEnumerator();
        if (termsEnum.SeekCeil(prefixBytes) == TermsEnum.SeekStatus.END)
        {
            return (terms, 0);
        }

        var leafEnums = new TermsEnum?[reader.Leaves.Count];
        DocsEnum? reuse = null;
        var scanned = 0;
        do
        {
            var term = termsEnum.Term;
            if (!StringHelper.StartsWith(term, prefixBytes) || scanned++ >= scanLimit)
            {
                break;
            }

            long count;
            if (scopeBits is null)
            {
                count = termsEnum.TotalTermFreq;
            }
            else
            {
                count = 0;
                foreach (var leaf in reader.Leaves)
                {
                    var bits = scopeBits[leaf.Ord];
                    if (bits is null)
                    {
                        continue;
                    }

                    var leafEnum = leafEnums[leaf.Ord] ??= leaf.AtomicReader.GetTerms(FieldNames.Text)?.GetEnumerator();
                    if (leafEnum is null || !leafEnum.SeekExact(term))
                    {
                        continue;
                    }

                    reuse = leafEnum.Docs(leaf.AtomicReader.LiveDocs, reuse, DocsFlags.FREQS);
                    count += CountIn(reuse, bits);
                }
            }

            if (count >= minCount && count > 0)
            {
                terms.Add(new TermCount(term.Utf8ToString(), count));
            }
        }
        while (termsEnum.MoveNext());

        var chosen = terms
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Term, StringComparer.Ordinal)
            .Take(limit)
            .OrderBy(t => t.Term, StringComparer.Ordinal)
            .ToList();
        return (chosen, scanned);
    }

    private static long CountIn(DocsEnum docs, FixedBitSet bits)
    {
        long count = 0;
        var target = bits.NextSetBit(0);
        while (target >= 0)
        {
            var doc = docs.Advance(target);
            if (doc == DocIdSetIterator.NO_MORE_DOCS)
            {
                break;
            }

            if (bits.Get(doc))
            {
                count += docs.Freq;
                target = doc + 1 < bits.Length ? bits.NextSetBit(doc + 1) : -1;
            }
            else
            {
                target = bits.NextSetBit(doc);
            }
        }

        return count;
    }
}
