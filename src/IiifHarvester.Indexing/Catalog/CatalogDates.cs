using IiifHarvester.Indexing.Schema;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Catalog;

/// <summary>Centuries and decades of the navDate: facet values and the range queries that filter by them.</summary>
internal static class CatalogDates
{
    public static int YearOf(long unixMillis) =>
        unixMillis < DateTimeOffset.MinValue.ToUnixTimeMilliseconds() || unixMillis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            ? 0
            : DateTimeOffset.FromUnixTimeMilliseconds(unixMillis).Year;

    public static int Floor(int year, int span) => year / span * span;

    /// <summary>navDates within any of the spans of <paramref name="span"/> years starting at <paramref name="starts"/>; a start that is no year matches nothing.</summary>
    public static Query Within(IReadOnlyList<int> starts, int span)
    {
        var any = new BooleanQuery();
        foreach (var start in starts.Distinct())
        {
            if (start < 0 || start > 9999 || start % span != 0)
            {
                continue;
            }

            var from = new DateTimeOffset(Math.Max(1, start), 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            var to = start + span > 9999
                ? DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                : new DateTimeOffset(start + span, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() - 1;
            any.Add(NumericRangeQuery.NewInt64Range(FieldNames.NavDate, from, to, true, true), Occur.SHOULD);
        }

        // No valid span: a filter on nothing finds nothing (an empty BooleanQuery would match nothing too, but say so).
        return any.Clauses.Count > 0 ? any : new TermQuery(new Lucene.Net.Index.Term(FieldNames.DocType, "-"));
    }
}
