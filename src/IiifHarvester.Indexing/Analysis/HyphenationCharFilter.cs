using System.Text;
using Lucene.Net.Analysis.CharFilters;

namespace IiifHarvester.Indexing.Analysis;

/// <summary>
/// Undoes hyphenation before segmentation: drops every soft hyphen (U+00AD), and where one, a Fraktur hyphen
/// (U+00AC) or a U+2010 HYPHEN (what the ALTO reader makes of a <c>HYP</c> shown as "-") ends a line drops the line
/// break too, so the word runs on as printed. Offsets are corrected back to the text as given. Text without any of
/// the three (nearly all of it) passes through as it is. A next line that opens with a guillemet and a space ("» ", as
/// French print repeats the quote mark on every line of a quotation) continues the word after them.
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
    private List<(int Hyphen, int Next)>? _lineEndHyphens;
    private int _nextHyphen;

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
    /// "Süd"), so both are indexed. <paramref name="next"/> is the offset of the next line's first letter: two
    /// characters on, or past a continued quotation's "» ". Asked of each word's end in turn (offsets never go
    /// back), so the hyphens are walked once, in order, not searched per word.
    /// </summary>
    public bool EndsLineWithHyphen(int offset, out int next)
    {
        next = 0;
        if (_lineEndHyphens is not { } hyphens)
        {
            return false;
        }

        while (_nextHyphen < hyphens.Count && hyphens[_nextHyphen].Hyphen < offset)
        {
            _nextHyphen++;
        }

        if (_nextHyphen == hyphens.Count || hyphens[_nextHyphen].Hyphen != offset)
        {
            return false;
        }

        next = hyphens[_nextHyphen].Next;
        return true;
    }

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
                SoftHyphen => lineEnds ? 2 + Continuation(text, i + 2) : 1,
                NotSign or Hyphen when lineEnds => 2 + Continuation(text, i + 2),
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

    private static List<(int Hyphen, int Next)>? LineEndHyphens(string text)
    {
        List<(int Hyphen, int Next)>? found = null;
        for (var i = text.IndexOf('\n'); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i >= 2 && text[i - 1] is '-' or DoubleObliqueHyphen && char.IsLetter(text[i - 2]))
            {
                var next = i + 1 + Continuation(text, i + 1);
                if (next < text.Length && char.IsLetter(text[next]))
                {
                    (found ??= []).Add((i - 1, next));
                }
            }
        }

        return found;
    }

    /// <summary>
    /// How many characters at <paramref name="lineStart"/> only continue a quotation, to be read past when a word
    /// broken at the line before goes on: a guillemet and a space (or a no-break space) before a letter. "ait ré-" then
    /// "» pondu" (a French newspaper of 1860) is the quote mark French print repeats at each line's start, not a new
    /// quotation; German's opening »Wort« has no space after it.
    /// </summary>
    private static int Continuation(string text, int lineStart)
    {
        if (lineStart >= text.Length || text[lineStart] is not ('\u00BB' or '\u00AB'))
        {
            return 0;
        }

        var i = lineStart + 1;
        while (i < text.Length && text[i] is ' ' or '\u00A0' or '\u202F')
        {
            i++;
        }

        return i > lineStart + 1 && i < text.Length && char.IsLetter(text[i]) ? i - lineStart : 0;
    }
}
