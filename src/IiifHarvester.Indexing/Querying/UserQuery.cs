using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace IiifHarvester.Indexing.Querying;

/// <summary>
/// A user's query as typed: words and "quoted phrases", every one required (AND). It is never handed to a Lucene
/// query parser: <c>*</c>, <c>~</c>, <c>:</c>, brackets and the like are plain characters that the analyzer drops
/// as punctuation, and the index layer builds term and phrase queries from the analysed tokens.
/// </summary>
public sealed record UserQuery
{
    private UserQuery(string text, IReadOnlyList<QueryPart> parts)
    {
        Text = text;
        Parts = parts;
    }

    /// <summary>The query as typed, trimmed.</summary>
    public string Text { get; }

    /// <summary>The words and phrases, in order.</summary>
    public IReadOnlyList<QueryPart> Parts { get; }

    /// <summary>
    /// Splits <paramref name="text"/> into words and phrases. Fails, with a message for the user, on an empty or
    /// over-long query, an unbalanced double quote, or too many words.
    /// </summary>
    public static bool TryParse(string? text, int maxLength, int maxParts, [NotNullWhen(true)] out UserQuery? query, [NotNullWhen(false)] out string? error)
    {
        query = null;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "The query (q) is empty: give one or more words or a \"quoted phrase\".";
            return false;
        }

        if (trimmed.Length > maxLength)
        {
            error = $"The query (q) is {trimmed.Length} characters long; at most {maxLength} are accepted.";
            return false;
        }

        var parts = new List<QueryPart>();
        var current = new StringBuilder();
        var inPhrase = false;
        foreach (var c in trimmed)
        {
            if (c == '"')
            {
                Flush(parts, current, inPhrase);
                inPhrase = !inPhrase;
            }
            else if ((char.IsWhiteSpace(c) || IsQuerySyntax(c)) && !inPhrase)
            {
                Flush(parts, current, isPhrase: false);
            }
            else
            {
                current.Append(c);
            }
        }

        if (inPhrase)
        {
            error = "The query (q) has an unbalanced double quote: close the \"quoted phrase\".";
            return false;
        }

        Flush(parts, current, isPhrase: false);
        if (parts.Count == 0)
        {
            error = "The query (q) holds no words.";
            return false;
        }

        if (parts.Count > maxParts)
        {
            error = $"The query (q) has {parts.Count} words and phrases; at most {maxParts} are accepted.";
            return false;
        }

        query = new UserQuery(trimmed, parts);
        error = null;
        return true;
    }

    // Lucene query syntax outside phrases separates words and means nothing else: "bird*" is "bird",
    // "text:bird" is "text bird". (The analyzer would keep "text:bird" as one word: UAX#29 joins letters over ':'.)
    private static bool IsQuerySyntax(char c) => c is '*' or '?' or '~' or '^' or ':' or '(' or ')' or '[' or ']' or '{' or '}' or '\\' or '!' or '|' or '&' or '/';

    private static void Flush(List<QueryPart> parts, StringBuilder current, bool isPhrase)
    {
        var value = current.ToString().Trim();
        current.Clear();
        if (value.Length > 0)
        {
            parts.Add(new QueryPart(value, isPhrase));
        }
    }
}
