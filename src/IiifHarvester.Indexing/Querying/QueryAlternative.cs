using Lucene.Net.Index;
using Lucene.Net.Search;

namespace IiifHarvester.Indexing.Querying;

/// <summary>
/// One way a query part can match: a single term, or tokens at fixed relative positions (a phrase, or a CJK run
/// of unigrams and bigrams), all in one field.
/// </summary>
internal sealed record QueryAlternative(IReadOnlyList<QueryTerm> Terms)
{
    /// <summary>The span of positions a match covers, less one.</summary>
    public int Width => Terms.Max(t => t.RelativePosition);

    public Query ToQuery()
    {
        if (Terms.Count == 1)
        {
            return new TermQuery(new Term(Terms[0].Field, Terms[0].Bytes));
        }

        var phrase = new PhraseQuery();
        foreach (var term in Terms)
        {
            phrase.Add(new Term(term.Field, term.Bytes), term.RelativePosition);
        }

        return phrase;
    }
}
