namespace IiifHarvester.Iiif.Html;

/// <summary>The IIIF HTML subset (Presentation 3.0 §4.4) and a cheap scan for markup outside it.</summary>
internal static class HtmlScanner
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "b", "br", "i", "img", "p", "small", "span", "sub", "sup",
    };

    // Active or form content: removed with everything inside it, not unwrapped.
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript", "noembed",
        "noframes", "textarea", "select", "option", "input", "button", "form", "svg", "math", "head", "title", "meta",
        "link", "base", "audio", "video", "source", "track", "canvas", "dialog",
    };

    private static readonly HashSet<string> Block = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "section", "article", "header", "footer", "hr", "address", "figure", "figcaption",
    };

    public static bool IsAllowedElement(string name) => Allowed.Contains(name);

    public static bool IsDropped(string name) => Dropped.Contains(name);

    public static bool IsBlock(string name) => Block.Contains(name);

    public static bool IsVoid(string name) => name is "br" or "img";

    public static bool IsAllowedAttribute(string element, string attribute) =>
        (element, attribute) is ("a", "href") or ("img", "src") or ("img", "alt");

    /// <summary>
    /// Whether a URL may be re-served: absolute http or https only, for links and images alike. A relative link would
    /// resolve against our origin rather than the institution's, and other schemes (<c>javascript:</c>, <c>data:</c>,
    /// <c>mailto:</c>, ...) have no place in what we show. Control characters and white space are removed first, as
    /// browsers do, so <c>java&amp;#x09;script:</c> does not slip through.
    /// </summary>
    public static bool IsSafeUrl(string url)
    {
        Span<char> buffer = stackalloc char[Math.Min(url.Length, 8)];
        var n = 0;
        foreach (var c in url)
        {
            if (c <= ' ' || char.IsControl(c))
            {
                continue;
            }

            if (n == buffer.Length)
            {
                break;
            }

            buffer[n++] = char.ToLowerInvariant(c);
        }

        var start = buffer[..n];
        return start.StartsWith("http://") || start.StartsWith("https://");
    }

    /// <summary>
    /// The text of simple markup (tags with or without attributes, entities with semicolons) without building a
    /// DOM, as AngleSharp's walk in <see cref="HtmlText.ToPlainText"/> would give it; false for anything else
    /// (comments, active content, stray end tags, bare ampersands), which then goes to AngleSharp.
    /// </summary>
    public static bool TryExtractSimpleText(string html, System.Text.StringBuilder into)
    {
        var s = html.AsSpan();
        var i = 0;
        var hasEntity = false;
        var start = into.Length;
        var open = new List<string>();
        while (i < s.Length)
        {
            var lt = s[i..].IndexOfAny('<', '&');
            if (lt < 0)
            {
                into.Append(s[i..]);
                break;
            }

            into.Append(s.Slice(i, lt));
            i += lt;
            if (s[i] == '&')
            {
                var semicolon = s[i..].IndexOf(';');
                if (semicolon < 2 || semicolon > 32 || !IsEntityName(s.Slice(i + 1, semicolon - 1)))
                {
                    return false;
                }

                hasEntity = true;
                into.Append(s.Slice(i, semicolon + 1));
                i += semicolon + 1;
                continue;
            }

            // '<' not starting a tag is text, as in HTML5 tokenization (§13.2.5.6).
            var closing = i + 1 < s.Length && s[i + 1] == '/';
            var nameAt = closing ? i + 2 : i + 1;
            if (nameAt >= s.Length || !char.IsAsciiLetter(s[nameAt]))
            {
                if (closing || (nameAt < s.Length && s[nameAt] is '!' or '?'))
                {
                    return false;
                }

                into.Append('<');
                i++;
                continue;
            }

            var nameEnd = nameAt;
            while (nameEnd < s.Length && char.IsAsciiLetterOrDigit(s[nameEnd]))
            {
                nameEnd++;
            }

            var name = s[nameAt..nameEnd].ToString();
            if (IsDropped(name) || name.Equals("plaintext", StringComparison.OrdinalIgnoreCase) || name.Equals("xmp", StringComparison.OrdinalIgnoreCase)
                || name.Equals("listing", StringComparison.OrdinalIgnoreCase) || name.Equals("table", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            // The end of the tag, skipping quoted attribute values.
            var j = nameEnd;
            char quote = default;
            while (j < s.Length && (quote != default || s[j] != '>'))
            {
                if (quote == default && s[j] is '"' or '\'')
                {
                    quote = s[j];
                }
                else if (s[j] == quote)
                {
                    quote = default;
                }
                else if (quote == default && s[j] == '<')
                {
                    return false;
                }

                j++;
            }

            if (j >= s.Length)
            {
                return false;
            }

            // Only well-nested markup takes this path: HTML5 tree building (§13.2.6.4.7) rearranges misnested tags
            // in ways only the DOM gets right.
            var lower = name.ToLowerInvariant();
            if (closing)
            {
                if (open.Count == 0 || open[^1] != lower)
                {
                    return false;
                }

                open.RemoveAt(open.Count - 1);
            }
            else if (!IsVoid(lower) && s[j - 1] != '/')
            {
                open.Add(lower);
            }

            if (IsBlock(lower) || lower == "br")
            {
                into.Append(' ');
            }

            i = j + 1;
        }

        if (hasEntity)
        {
            var decoded = System.Net.WebUtility.HtmlDecode(into.ToString(start, into.Length - start));
            into.Length = start;
            into.Append(decoded);
        }

        return true;
    }

    private static bool IsEntityName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '#')
            {
                return false;
            }
        }

        return true;
    }

    public static string? FindUnsafeMarkup(string html)
    {
        var s = html.AsSpan();
        var at = 0;
        while (at < s.Length)
        {
            var lt = s[at..].IndexOf('<');
            if (lt < 0)
            {
                return null;
            }

            var i = at + lt + 1;
            if (i >= s.Length)
            {
                return null;
            }

            if (s[i] == '!' || s[i] == '?')
            {
                var end = s[i..].IndexOf('>');
                at = end < 0 ? s.Length : i + end + 1;
                continue;
            }

            var closing = s[i] == '/';
            if (closing)
            {
                i++;
            }

            if (i >= s.Length || !char.IsAsciiLetter(s[i]))
            {
                at = i;
                continue;
            }

            var nameStart = i;
            while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or ':'))
            {
                i++;
            }

            var name = s[nameStart..i].ToString().ToLowerInvariant();
            if (!Allowed.Contains(name))
            {
                return $"the element <{name}>";
            }

            if (closing)
            {
                at = i;
                continue;
            }

            // Attributes up to the end of the tag.
            while (i < s.Length && s[i] != '>')
            {
                if (char.IsWhiteSpace(s[i]) || s[i] == '/')
                {
                    i++;
                    continue;
                }

                var attrStart = i;
                while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] is not ('=' or '>' or '/'))
                {
                    i++;
                }

                var attribute = s[attrStart..i].ToString().ToLowerInvariant();
                var value = string.Empty;
                while (i < s.Length && char.IsWhiteSpace(s[i]))
                {
                    i++;
                }

                if (i < s.Length && s[i] == '=')
                {
                    i++;
                    while (i < s.Length && char.IsWhiteSpace(s[i]))
                    {
                        i++;
                    }

                    if (i < s.Length && s[i] is '"' or '\'')
                    {
                        var quote = s[i++];
                        var end = s[i..].IndexOf(quote);
                        end = end < 0 ? s.Length - i : end;
                        value = s.Slice(i, end).ToString();
                        i += end + 1;
                    }
                    else
                    {
                        var valueStart = i;
                        while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '>')
                        {
                            i++;
                        }

                        value = s[valueStart..i].ToString();
                    }
                }

                if (attribute.Length == 0)
                {
                    i++;
                    continue;
                }

                if (!IsAllowedAttribute(name, attribute))
                {
                    return $"the attribute {attribute} on <{name}>";
                }

                // href and src hold URLs; alt is text.
                if (attribute is "href" or "src" && !IsSafeUrl(System.Net.WebUtility.HtmlDecode(value)))
                {
                    return $"an unsafe URL in {attribute} on <{name}>";
                }
            }

            at = i;
        }

        return null;
    }
}
