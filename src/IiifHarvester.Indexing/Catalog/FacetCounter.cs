using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// Counts facet values over every result's resource document (not just the page): the keyword facets from
/// SortedSetDocValues, the century and decade from the navDate's doc values.
/// </summary>
internal static class FacetCounter
{
    public const string Century = "century";
    public const string Decade = "decade";

    private static readonly (string Name, string DocValues)[] Keyword =
    [
        ("source", FieldNames.FacetSource),
        ("provider", FieldNames.FacetProvider),
        ("language", FieldNames.FacetLanguage),
        ("type", FieldNames.FacetType),
        ("rights", FieldNames.FacetRights),
        ("text", FieldNames.FacetTextKind),
    ];

    /// <summary>Counts over <paramref name="docsPerLeaf"/> (each ascending, by leaf ordinal), the <paramref name="limit"/> most frequent per facet.</summary>
    public static Dictionary<string, IReadOnlyList<FacetValue>> Count(IndexSearcher searcher, IReadOnlyList<int>[] docsPerLeaf, int limit)
    {
        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        var leaves = searcher.IndexReader.Leaves;
        foreach (var (name, docValuesField) in Keyword)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var scratch = new BytesRef();
            foreach (var leaf in leaves)
            {
                var matches = docsPerLeaf[leaf.Ord];
                var values = matches.Count == 0 ? null : leaf.AtomicReader.GetSortedSetDocValues(docValuesField);
                if (values is null)
                {
                    continue;
                }

                var perOrd = new int[values.ValueCount];
                if (DocValues.UnwrapSingleton(values) is { } single)
                {
                    // At most one value per document in this segment (type, rights, mostly source): one lookup each.
                    foreach (var doc in matches)
                    {
                        var ord = single.GetOrd(doc);
                        if (ord >= 0)
                        {
                            perOrd[ord]++;
                        }
                    }
                }
                else
                {
                    foreach (var doc in matches)
                    {
                        values.SetDocument(doc);
                        long ord;
                        while ((ord = values.NextOrd()) != SortedSetDocValues.NO_MORE_ORDS)
                        {
                            perOrd[ord]++;
                        }
                    }
                }

                for (var ord = 0; ord < perOrd.Length; ord++)
                {
                    if (perOrd[ord] > 0)
                    {
                        values.LookupOrd(ord, scratch);
                        var key = scratch.Utf8ToString();
                        counts[key] = counts.GetValueOrDefault(key) + perOrd[ord];
                    }
                }
            }

            result[name] = Top(counts, limit, byValue: false);
        }

        // Counted by year, named once per value: a string per matching document was most of a broad query's garbage.
        var centuries = new Dictionary<int, int>();
        var decades = new Dictionary<int, int>();
        foreach (var leaf in leaves)
        {
            var matches = docsPerLeaf[leaf.Ord];
            var dates = matches.Count == 0 ? null : leaf.AtomicReader.GetNumericDocValues(FieldNames.NavDateSort);
            var present = dates is null ? null : leaf.AtomicReader.GetDocsWithField(FieldNames.NavDateSort);
            if (dates is null || present is null)
            {
                continue;
            }

            foreach (var doc in matches)
            {
                if (present.Get(doc))
                {
                    var year = CatalogDates.YearOf(dates.Get(doc));
                    var century = CatalogDates.Floor(year, 100);
                    var decade = CatalogDates.Floor(year, 10);
                    centuries[century] = centuries.GetValueOrDefault(century) + 1;
                    decades[decade] = decades.GetValueOrDefault(decade) + 1;
                }
            }
        }

        // Dates read in time order, not by frequency.
        result[Century] = Top(Named(centuries), limit, byValue: true);
        result[Decade] = Top(Named(decades), limit, byValue: true);
        return result;
    }

    private static Dictionary<string, int> Named(Dictionary<int, int> counts) =>
        counts.ToDictionary(p => p.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), p => p.Value, StringComparer.Ordinal);

    private static List<FacetValue> Top(Dictionary<string, int> counts, int limit, bool byValue)
    {
        var top = counts
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(p => new FacetValue(p.Key, p.Value));
        return byValue
            ? [.. top.OrderBy(v => int.Parse(v.Value, System.Globalization.CultureInfo.InvariantCulture))]
            : [.. top];
    }
}
