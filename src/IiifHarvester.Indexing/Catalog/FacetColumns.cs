using System.Numerics;
using System.Runtime.CompilerServices;
using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// A segment's facet values in memory, by resource document: each keyword facet's value ordinals and names, and each
/// navDate's century and decade. Read once per segment core from its doc values (segments never change, and nothing
/// here updates doc values in place), as <see cref="ResourceBlocks"/> is. Counting a broad result from the doc values
/// themselves read every value of every matching object through the index files, a seek and a few bytes at a time:
/// that was 40 % of the catalog's CPU (perf, search benchmark's <c>--profile-catalog</c>). Columns are sized by the
/// segment's resource documents, not its text documents, at four bytes per value.
/// </summary>
internal sealed class FacetColumns
{
    private static readonly ConditionalWeakTable<object, FacetColumns> Cache = [];

    private readonly long[] _resourceBits;
    private readonly int[] _resourcesBefore;

    private FacetColumns(AtomicReader reader, FixedBitSet resources)
    {
        // Rank of a resource document: the resource documents in the 64-bit words before its own, plus those below it
        // in its word.
        _resourceBits = resources.GetBits();
        _resourcesBefore = new int[_resourceBits.Length];
        var count = 0;
        for (var word = 0; word < _resourceBits.Length; word++)
        {
            _resourcesBefore[word] = count;
            count += BitOperations.PopCount((ulong)_resourceBits[word]);
        }

        Keywords = [.. KeywordFacets.Select(facet => KeywordColumn.Read(reader, facet.Field, resources, count))];
        (Periods, PeriodOf) = ReadPeriods(reader, resources, count);
    }

    /// <summary>The keyword facets by name, and the doc values each is read from.</summary>
    public static IReadOnlyList<(string Name, string Field)> KeywordFacets { get; } =
    [
        ("source", FieldNames.FacetSource),
        ("provider", FieldNames.FacetProvider),
        ("language", FieldNames.FacetLanguage),
        ("type", FieldNames.FacetType),
        ("rights", FieldNames.FacetRights),
        ("text", FieldNames.FacetTextKind),
    ];

    /// <summary>The keyword facets' columns, in the order of <see cref="KeywordFacets"/>.</summary>
    public IReadOnlyList<KeywordColumn> Keywords { get; }

    /// <summary>The distinct (century, decade) of the segment's navDates.</summary>
    public IReadOnlyList<(int Century, int Decade)> Periods { get; }

    /// <summary>Per resource (by <see cref="ResourceIndex"/>), its index in <see cref="Periods"/>; -1 without a navDate.</summary>
    public int[] PeriodOf { get; }

    /// <summary>The columns of <paramref name="leaf"/>'s segment core.</summary>
    public static FacetColumns Of(AtomicReaderContext leaf) => Of(leaf.AtomicReader);

    /// <summary>The columns of <paramref name="reader"/>'s segment core, read now if they were not yet.</summary>
    public static FacetColumns Of(AtomicReader reader) =>
        Cache.GetValue(reader.CoreCacheKey, _ => new FacetColumns(reader, ResourceBlocks.Of(reader)));

    /// <summary>Whether the columns of <paramref name="reader"/>'s segment core have been read.</summary>
    public static bool IsRead(AtomicReader reader) => Cache.TryGetValue(reader.CoreCacheKey, out _);

    /// <summary>The position among the segment's resource documents of <paramref name="doc"/>, which must be one.</summary>
    public int ResourceIndex(int doc)
    {
        var word = doc >> 6;
        return _resourcesBefore[word] + BitOperations.PopCount((ulong)_resourceBits[word] & ((1UL << (doc & 63)) - 1));
    }

    private static (IReadOnlyList<(int Century, int Decade)> Periods, int[] PeriodOf) ReadPeriods(AtomicReader reader, FixedBitSet resources, int count)
    {
        var periodOf = new int[count];
        Array.Fill(periodOf, -1);
        var periods = new List<(int Century, int Decade)>();
        var dates = reader.GetNumericDocValues(FieldNames.NavDateSort);
        var present = dates is null ? null : reader.GetDocsWithField(FieldNames.NavDateSort);
        if (dates is null || present is null)
        {
            return (periods, periodOf);
        }

        var index = new Dictionary<(int, int), int>();
        foreach (var (doc, resource) in Resources(resources))
        {
            if (!present.Get(doc))
            {
                continue;
            }

            var year = CatalogDates.YearOf(dates.Get(doc));
            var period = (CatalogDates.Floor(year, 100), CatalogDates.Floor(year, 10));
            if (!index.TryGetValue(period, out var at))
            {
                at = periods.Count;
                index[period] = at;
                periods.Add(period);
            }

            periodOf[resource] = at;
        }

        return (periods, periodOf);
    }

    /// <summary>Each resource document of <paramref name="bits"/>, ascending, with its position among them.</summary>
    private static IEnumerable<(int Doc, int Resource)> Resources(FixedBitSet bits)
    {
        var docs = bits.GetIterator();
        int doc;
        for (var resource = 0; (doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS; resource++)
        {
            yield return (doc, resource);
        }
    }

    /// <summary>One keyword facet of a segment: its values' names by ordinal, and each resource's ordinals.</summary>
    internal sealed class KeywordColumn
    {
        private KeywordColumn(string[] names, int[]? single, int[]? starts, int[]? ords)
        {
            Names = names;
            Single = single;
            Starts = starts;
            Ords = ords;
        }

        /// <summary>Each value ordinal's name.</summary>
        public string[] Names { get; }

        /// <summary>When no resource has more than one value: per resource its ordinal, -1 for none.</summary>
        public int[]? Single { get; }

        /// <summary>Otherwise: resource r's ordinals are <see cref="Ords"/>[Starts[r]..Starts[r + 1]].</summary>
        public int[]? Starts { get; }

        /// <summary>Every resource's ordinals, one after another.</summary>
        public int[]? Ords { get; }

        public static KeywordColumn Read(AtomicReader reader, string field, FixedBitSet resources, int count)
        {
            var values = reader.GetSortedSetDocValues(field);
            if (values is null)
            {
                return new KeywordColumn([], null, null, null);
            }

            var names = new string[values.ValueCount];
            var scratch = new BytesRef();
            for (var ord = 0; ord < names.Length; ord++)
            {
                values.LookupOrd(ord, scratch);
                names[ord] = scratch.Utf8ToString();
            }

            if (DocValues.UnwrapSingleton(values) is { } single)
            {
                var ordOf = new int[count];
                foreach (var (doc, resource) in Resources(resources))
                {
                    ordOf[resource] = single.GetOrd(doc);
                }

                return new KeywordColumn(names, ordOf, null, null);
            }

            var starts = new int[count + 1];
            var ords = new List<int>(count);
            foreach (var (doc, resource) in Resources(resources))
            {
                starts[resource] = ords.Count;
                values.SetDocument(doc);
                long ord;
                while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                {
                    ords.Add((int)ord);
                }
            }

            starts[count] = ords.Count;
            return new KeywordColumn(names, null, starts, [.. ords]);
        }
    }
}
