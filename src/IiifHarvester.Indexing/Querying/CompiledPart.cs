using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Querying;

/// <summary>A query part compiled to its alternatives (the plain field, and the stemmed fields for a word).</summary>
internal sealed record CompiledPart(QueryPart Source, IReadOnlyList<QueryAlternative> Alternatives)
{
    public Query ToQuery()
    {
        if (Alternatives.Count == 1)
        {
            return Alternatives[0].ToQuery();
        }

        var any = new BooleanQuery();
        foreach (var alternative in Alternatives)
        {
            any.Add(alternative.ToQuery(), Occur.SHOULD);
        }

        return any;
    }
}
