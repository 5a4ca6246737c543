using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>
/// Counts facet values over every result's resource document (not just the page): the keyword facets and the
/// century and decade of the navDate, from each segment's <see cref="FacetColumns"/>.
/// </summary>
internal static class FacetCounter
{
    public const string Century = "century";
    public const string Decade = "decade";

    /// <summary>Counts over <paramref name="docsPerLeaf"/> (each ascending, by leaf ordinal), the <paramref name="limit"/> most frequent per facet.</summary>
    public static Dictionary<string, IReadOnlyList<FacetValue>> Count(IndexSearcher searcher, IReadOnlyList<int>[] docsPerLeaf, int limit)
    {
        var facets = FacetColumns.KeywordFacets;
        var counts = facets.Select(_ => new Dictionary<string, int>(StringComparer.Ordinal)).ToArray();

        // Counted by period, named once per value: a string per matching document was most of a broad query's garbage.
        var centuries = new Dictionary<int, int>();
        var decades = new Dictionary<int, int>();
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var matches = docsPerLeaf[leaf.Ord];
            if (matches.Count == 0)
            {
                continue;
            }

            var columns = FacetColumns.Of(leaf);
            var perOrd = columns.Keywords.Select(c => new int[c.Names.Length]).ToArray();
            var perPeriod = new int[columns.Periods.Count];
            for (var m = 0; m < matches.Count; m++)
            {
                var resource = columns.ResourceIndex(matches[m]);
                for (var f = 0; f < perOrd.Length; f++)
                {
                    var column = columns.Keywords[f];
                    if (column.Single is { } single)
                    {
                        // At most one value per document in this segment (type, rights, mostly source): one lookup each.
                        var ord = single[resource];
                        if (ord >= 0)
                        {
                            perOrd[f][ord]++;
                        }
                    }
                    else if (column.Starts is { } starts)
                    {
                        for (var i = starts[resource]; i < starts[resource + 1]; i++)
                        {
                            perOrd[f][column.Ords![i]]++;
                        }
                    }
                }

                var period = columns.PeriodOf[resource];
                if (period >= 0)
                {
                    perPeriod[period]++;
                }
            }

            for (var f = 0; f < perOrd.Length; f++)
            {
                var names = columns.Keywords[f].Names;
                for (var ord = 0; ord < perOrd[f].Length; ord++)
                {
                    if (perOrd[f][ord] > 0)
                    {
                        counts[f][names[ord]] = counts[f].GetValueOrDefault(names[ord]) + perOrd[f][ord];
                    }
                }
            }

            for (var p = 0; p < perPeriod.Length; p++)
            {
                if (perPeriod[p] > 0)
                {
                    var (century, decade) = columns.Periods[p];
                    centuries[century] = centuries.GetValueOrDefault(century) + perPeriod[p];
                    decades[decade] = decades.GetValueOrDefault(decade) + perPeriod[p];
                }
            }
        }

        var result = new Dictionary<string, IReadOnlyList<FacetValue>>(StringComparer.Ordinal);
        for (var f = 0; f < facets.Count; f++)
        {
            result[facets[f].Name] = Top(counts[f], limit, byValue: false);
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
