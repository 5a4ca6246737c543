using IiifHarvester.Indexing.Analysis;
using IiifHarvester.Indexing.Schema;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Querying;

/// <summary>
/// Turns a <see cref="UserQuery"/> into term and phrase queries through the same analyzer as the index. A word
/// matches its folded form in the plain field or its stem in any stemmed field present (<c>birds</c> finds
/// <c>bird</c> in English text); a quoted phrase matches its folded tokens in order in the plain field; a word
/// that analyses to several tokens (CJK runs, hyphenated words) is matched as a phrase.
/// </summary>
internal static class QueryCompiler
{
    public static IReadOnlyList<CompiledPart> Compile(UserQuery query, TextAnalyzer analyzer, string plainField, IReadOnlyCollection<string> stemLanguages)
    {
        var parts = new List<CompiledPart>();
        foreach (var part in query.Parts)
        {
            var tokens = TokenReader.Tokens(analyzer, plainField, part.Text);
            if (tokens.Count == 0)
            {
                // Punctuation only ("*", "~", ":"): nothing to match, nothing to require.
                continue;
            }

            var alternatives = new List<QueryAlternative> { Alternative(plainField, tokens) };
            if (!part.IsPhrase && tokens.Count == 1)
            {
                foreach (var language in stemLanguages)
                {
                    var field = FieldNames.StemmedText(language);
                    var stemmed = TokenReader.Tokens(analyzer, field, part.Text);
                    if (stemmed.Count == 1)
                    {
                        alternatives.Add(Alternative(field, stemmed));
                    }
                }
            }

            parts.Add(new CompiledPart(part, alternatives));
        }

        if (parts.Count == 0)
        {
            throw new SearchQueryException("The query (q) holds no searchable words: punctuation and query syntax such as * ~ : are ignored.");
        }

        return parts;
    }

    public static Query ToQuery(IReadOnlyList<CompiledPart> parts)
    {
        if (parts.Count == 1)
        {
            return parts[0].ToQuery();
        }

        var all = new BooleanQuery();
        foreach (var part in parts)
        {
            all.Add(part.ToQuery(), Occur.MUST);
        }

        return all;
    }

    private static QueryAlternative Alternative(string field, List<AnalyzedToken> tokens)
    {
        var first = tokens[0].Position;
        return new QueryAlternative(tokens
            .Select(t => new QueryTerm(field, new BytesRef(t.Term), t.Position - first))
            .ToList());
    }
}
