using IiifHarvester.Indexing.Analysis;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Analysis;

public sealed class InvariantLowerCaseFilterTests
{
    [Theory]
    [InlineData("ÉCOLE Straße ΑΘΗΝΑΙ Ἀθῆναι МОСКВА İstanbul ǅemal")]
    [InlineData("𐐀𐐁 DESERET 𐐨")]
    [InlineData("東京 ＡＢＣ カタカナ 한국어 ÀÉÎÕÜ")]
    [InlineData("ABC\uD800 lone surrogate \uDC00X")]
    public void IncrementToken_AnyText_SameTokensAsLuceneLowerCaseFilter(string text)
    {
        Assert.Equal(Tokens(text, s => new LowerCaseFilter(LuceneVersion.LUCENE_48, s)), Tokens(text, s => new InvariantLowerCaseFilter(s)));
    }

    [Fact]
    public void IncrementToken_EveryBmpCharacter_SameAsLuceneLowerCaseFilter()
    {
        var all = new string(Enumerable.Range(0, char.MaxValue + 1).Where(c => !char.IsSurrogate((char)c) && !char.IsWhiteSpace((char)c)).Select(c => (char)c).ToArray());
        Assert.Equal(Tokens(all, s => new LowerCaseFilter(LuceneVersion.LUCENE_48, s)), Tokens(all, s => new InvariantLowerCaseFilter(s)));
    }

    private static List<string> Tokens(string text, Func<TokenStream, TokenStream> filter)
    {
        using var tokenizer = new WhitespaceTokenizer(LuceneVersion.LUCENE_48, new StringReader(text));
        using var stream = filter(tokenizer);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var tokens = new List<string>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            tokens.Add(term.ToString());
        }

        stream.End();
        return tokens;
    }
}
