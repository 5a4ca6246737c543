using IiifHarvester.Indexing.Schema;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Search;

/// <summary>Lucene clauses for the Content Search <c>motivation</c>, <c>date</c> and <c>user</c> filters.</summary>
internal static class FilterQueries
{
    public static void AddTo(BooleanQuery query, AnnotationFilter filter)
    {
        if (filter.Motivations.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var requested in filter.Motivations)
            {
                var motivation = Motivations.Normalize(requested);
                if (motivation == Motivations.NonPainting)
                {
                    // Any motivation other than painting; an annotation without one does not match (§3.2.1).
                    any.Add(new BooleanQuery
                    {
                        { new TermQuery(new Term(FieldNames.Motivation, Motivations.Any)), Occur.MUST },
                        { new TermQuery(new Term(FieldNames.Motivation, Motivations.Painting)), Occur.MUST_NOT },
                    }, Occur.SHOULD);
                }
                else
                {
                    any.Add(new TermQuery(new Term(FieldNames.Motivation, motivation)), Occur.SHOULD);
                }
            }

            query.Add(any, Occur.MUST);
        }

        if (filter.Dates.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var range in filter.Dates)
            {
                any.Add(NumericRangeQuery.NewInt64Range(
                    FieldNames.Created, range.From.ToUnixTimeMilliseconds(), range.To.ToUnixTimeMilliseconds(), true, true), Occur.SHOULD);
            }

            query.Add(any, Occur.MUST);
        }

        if (filter.Users.Count > 0)
        {
            var any = new BooleanQuery();
            foreach (var user in filter.Users)
            {
                any.Add(new TermQuery(new Term(FieldNames.Creator, user)), Occur.SHOULD);
            }

            query.Add(any, Occur.MUST);
        }
    }
}
