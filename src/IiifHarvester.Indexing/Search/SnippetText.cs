using IiifHarvester.Indexing.Schema;

namespace IiifHarvester.Indexing.Search;

/// <summary>
/// Cuts the text shown around a hit. Context is cut at word boundaries: a space, or either side of a Chinese or
/// Japanese character (scripts written without spaces, where every character may start a word). Lines join with a
/// space, except between two such characters, where a line break is no space in the text.
/// </summary>
internal static class SnippetText
{
    /// <summary>Up to <paramref name="length"/> characters of <paramref name="text"/> before <paramref name="start"/>, not before <paramref name="floor"/>, starting at a word boundary.</summary>
    public static string Before(string text, int floor, int start, int length)
    {
        var from = Math.Max(floor, start - length);
        while (from > floor && from < start && !IsBoundary(text, from))
        {
            from++;
        }

        while (from < start && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return Flatten(text, from, start);
    }

    /// <summary>Up to <paramref name="length"/> characters of <paramref name="text"/> after <paramref name="end"/>, not beyond <paramref name="ceiling"/>, ending at a word boundary.</summary>
    public static string After(string text, int end, int ceiling, int length)
    {
        var to = Math.Min(ceiling, end + length);
        while (to < ceiling && to > end && !IsBoundary(text, to))
        {
            to--;
        }

        while (to > end && char.IsWhiteSpace(text[to - 1]))
        {
            to--;
        }

        return Flatten(text, end, to);
    }

    /// <summary>The text between two offsets with its line breaks joined as the script wants.</summary>
    public static string Flatten(string text, int start, int end)
    {
        var span = text.AsSpan(start, end - start);
        if (!span.Contains(TextDocumentBuilder.LineSeparator))
        {
            return span.ToString();
        }

        var builder = new System.Text.StringBuilder(span.Length);
        for (var i = start; i < end; i++)
        {
            if (text[i] != TextDocumentBuilder.LineSeparator)
            {
                builder.Append(text[i]);
            }
            else if (!(i > 0 && i + 1 < text.Length && IsUnspaced(text[i - 1]) && IsUnspaced(text[i + 1])))
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    /// <summary>True when a word may start (or end) at <paramref name="offset"/>.</summary>
    private static bool IsBoundary(string text, int offset) =>
        offset <= 0 || offset >= text.Length
        || char.IsWhiteSpace(text[offset - 1]) || char.IsWhiteSpace(text[offset])
        || IsUnspaced(text[offset - 1]) || IsUnspaced(text[offset]);

    /// <summary>Han, kana and their punctuation: scripts written without spaces between words.</summary>
    public static bool IsUnspaced(char c) =>
        c is >= '\u3000' and <= '\u30FF' // CJK punctuation, hiragana, katakana
            or >= '\u3400' and <= '\u4DBF' // CJK extension A
            or >= '\u4E00' and <= '\u9FFF' // CJK unified ideographs
            or >= '\uF900' and <= '\uFAFF' // compatibility ideographs
            or >= '\uFF00' and <= '\uFFEF'; // full-width forms
}
