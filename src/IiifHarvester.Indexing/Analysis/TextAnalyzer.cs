using IiifHarvester.Indexing.Schema;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>
/// The analysis for every tokenised field, used alike at index and at query time so a query's tokens are exactly
/// the indexed ones: Unicode word segmentation (UAX#29), full/half-width folding, lowercase, a Snowball stemmer
/// for the language-specific fields (<c>text.en</c>...), diacritic and ASCII folding, and CJK bigrams with
/// unigrams (Chinese, Japanese and Korean runs become overlapping bigrams at the position of their first
/// character, so both one-character and longer queries match, including inside mixed-script text). No stop words:
/// positions stay aligned between the plain and the stemmed fields, which the hit finder relies on.
/// Before segmentation, hyphenation is undone: a soft hyphen (U+00AD, HTML's <c>&amp;shy;</c>, ALTO's usual
/// <c>HYP</c>) is dropped, and where it, a Fraktur hyphen (U+00AC) or a U+2010 HYPHEN (an ALTO <c>HYP</c> shown as
/// "-") ends a line the word runs on into the next line, as printed: "Ventilations&#xAD;" then "schachtes" is the word
/// <c>ventilationsschachtes</c>, its offsets over both parts. A plain hyphen (or a Fraktur ⸗) between two letters at a
/// line's end may break the word or belong to it ("Nord-" then "Süd"): both parts stay words, and the two as one word
/// are added, stacked on the first (<see cref="LineEndHyphenFilter"/>).
/// </summary>
internal sealed class TextAnalyzer : Analyzer
{
    private const CJKScript AllCjk = CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL;

    public TextAnalyzer()
        : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    protected override TextReader InitReader(string fieldName, TextReader reader) => new HyphenationCharFilter(reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(LuceneVersion.LUCENE_48, reader) { MaxTokenLength = 255 };
        var joins = new LineEndHyphenFilter(tokenizer) { Source = reader as HyphenationCharFilter };
        TokenStream stream = new CJKWidthFilter(joins);
        stream = new InvariantLowerCaseFilter(stream);
        var language = FieldNames.StemLanguageOf(fieldName);
        if (language is not null)
        {
            stream = Stemmers.Wrap(language, stream);
        }

        stream = new DiacriticFoldingFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new CJKBigramFilter(stream, AllCjk, outputUnigrams: true);
        return new Components(tokenizer, stream, joins);
    }

    /// <summary>Hands each text's char filter to the line-end hyphen filter, which asks it where hyphens end lines.</summary>
    private sealed class Components(Tokenizer tokenizer, TokenStream stream, LineEndHyphenFilter joins) : TokenStreamComponents(tokenizer, stream)
    {
        protected override void SetReader(TextReader reader)
        {
            joins.Source = reader as HyphenationCharFilter;
            base.SetReader(reader);
        }
    }
}
