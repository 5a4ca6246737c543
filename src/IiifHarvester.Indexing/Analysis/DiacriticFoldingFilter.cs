using System.Globalization;
using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>
/// Removes combining marks from alphabetic tokens (Greek tonos, Cyrillic and Vietnamese diacritics, anything
/// ASCII folding does not know), so <c>Ἀθῆναι</c> and <c>αθηναι</c> match. CJK tokens are left alone: stripping
/// marks there would turn Japanese voiced kana (が) into unvoiced ones (か). Offsets stay those of the original text.
/// </summary>
internal sealed class DiacriticFoldingFilter : TokenFilter
{
    private readonly ICharTermAttribute _term;
    private readonly ITypeAttribute _type;
    private readonly StringBuilder _buffer = new();

    public DiacriticFoldingFilter(TokenStream input)
        : base(input)
    {
        _term = AddAttribute<ICharTermAttribute>();
        _type = AddAttribute<ITypeAttribute>();
    }

    public override bool IncrementToken()
    {
        if (!m_input.IncrementToken())
        {
            return false;
        }

        if (!IsCjk(_type.Type) && NeedsDecomposition(_term))
        {
            var original = _term.ToString();
            var decomposed = original.Normalize(NormalizationForm.FormD);
            _buffer.Clear();
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    _buffer.Append(c);
                }
            }

            var folded = _buffer.ToString().Normalize(NormalizationForm.FormC);
            if (!string.Equals(folded, original, StringComparison.Ordinal) && folded.Length > 0)
            {
                _term.SetEmpty().Append(folded);
            }
        }

        return true;
    }

    private static bool IsCjk(string type) =>
        type is "<IDEOGRAPHIC>" or "<HIRAGANA>" or "<KATAKANA>" or "<HANGUL>" or "<SOUTHEAST_ASIAN>";

    /// <summary>
    /// Below U+0300 (ASCII, Latin-1 and Latin Extended-A/B) the ASCII folding that follows folds almost every
    /// accented letter itself, so only tokens with combining marks, letters of other scripts, or the three letters
    /// ASCII folding gets wrong (ǧ, Ǯ, ǯ) pay for a normalisation.
    /// </summary>
    internal static bool NeedsDecomposition(char c) => c >= 0x300 || c is '\u01E7' or '\u01EE' or '\u01EF';

    private static bool NeedsDecomposition(ICharTermAttribute term)
    {
        var buffer = term.Buffer;
        for (var i = 0; i < term.Length; i++)
        {
            if (NeedsDecomposition(buffer[i]))
            {
                return true;
            }
        }

        return false;
    }
}
