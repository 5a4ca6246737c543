using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace IiifHarvester.Iiif.Html;

/// <summary>
/// HTML in IIIF values (Presentation 3.0 §4.4, 2.1 §4.3): plain text for indexing, the allowed subset for
/// re-serving. Clients "SHOULD allow only a, b, br, i, img, p, small, span, sub and sup", keep only <c>href</c> on
/// <c>a</c> and <c>src</c>/<c>alt</c> on <c>img</c>, and remove script, style and the like, and
/// <c>javascript:</c> URLs. Parsing is AngleSharp's HTML5 parser, so malformed markup is read as browsers read it.
/// </summary>
public static class HtmlText
{
    /// <summary>Values longer than this are cut before parsing (no IIIF value is legitimately this long).</summary>
    public const int MaxLength = 1 << 20;

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>The text content of <paramref name="html"/>, white space collapsed; block elements and <c>br</c> separate words.</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
        {
            return Collapse(html);
        }

        var sb = new StringBuilder(html.Length);
        if (html.Length <= MaxLength && HtmlScanner.TryExtractSimpleText(html, sb))
        {
            return Collapse(sb.ToString());
        }

        sb.Clear();
        Walk(ParseBody(html), sb, sanitize: false);
        return Collapse(sb.ToString());
    }

    /// <summary>The text of <paramref name="html"/> always through the DOM (the reference the fast path is tested against).</summary>
    internal static string ToPlainTextViaDom(string html)
    {
        var sb = new StringBuilder(html.Length);
        Walk(ParseBody(html), sb, sanitize: false);
        return Collapse(sb.ToString());
    }

    /// <summary>
    /// <paramref name="html"/> reduced to the IIIF-allowed subset, safe to re-serve: disallowed elements are
    /// unwrapped (their text kept) or, for script, style and other active content, removed with their content;
    /// every attribute but <c>href</c> on <c>a</c> (absolute http or https) and <c>src</c> (the same)
    /// and <c>alt</c> on <c>img</c> is dropped. A value that was HTML stays HTML (starts with <c>&lt;</c>).
    /// Callers go through <see cref="IiifHtmlSanitizer"/>, which decides what is HTML.
    /// </summary>
    internal static string Sanitize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        // Without '<' no element can form: entities and '>' are harmless, and a plain value must stay as published.
        if (!html.Contains('<', StringComparison.Ordinal))
        {
            return html;
        }

        var body = ParseBody(html);
        var sb = new StringBuilder(html.Length);
        Walk(body, sb, sanitize: true);
        var result = sb.ToString().Trim();
        var wasHtml = html.TrimStart().StartsWith('<') && html.TrimEnd().EndsWith('>');
        return wasHtml && !(result.StartsWith('<') && result.EndsWith('>')) ? $"<span>{result}</span>" : result;
    }

    /// <summary>
    /// A description of the first markup in <paramref name="html"/> outside the IIIF subset (an element, an
    /// attribute, a URL scheme), or null when there is none. A cheap scan, used to warn at parse time.
    /// </summary>
    public static string? FindUnsafeMarkup(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        return HtmlScanner.FindUnsafeMarkup(html);
    }

    private static IElement ParseBody(string html)
    {
        if (html.Length > MaxLength)
        {
            html = html[..MaxLength];
        }

        var document = Parser.ParseDocument(string.Concat("<!DOCTYPE html><html><body>", html, "</body></html>"));
        return document.Body!;
    }

    /// <summary>Walks the tree iteratively (deeply nested markup must not overflow the stack).</summary>
    private static void Walk(IElement root, StringBuilder sb, bool sanitize)
    {
        var stack = new Stack<(INode Node, bool Closing)>();
        for (var child = root.LastChild; child is not null; child = child.PreviousSibling)
        {
            stack.Push((child, false));
        }

        while (stack.Count > 0)
        {
            var (node, closing) = stack.Pop();
            if (node is IText text)
            {
                if (sanitize)
                {
                    Encode(sb, text.Data, attribute: false);
                }
                else
                {
                    sb.Append(text.Data);
                }

                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            var name = element.LocalName;
            if (closing)
            {
                if (sanitize && HtmlScanner.IsAllowedElement(name) && !HtmlScanner.IsVoid(name))
                {
                    sb.Append("</").Append(name).Append('>');
                }
                else if (HtmlScanner.IsBlock(name))
                {
                    sb.Append(' ');
                }

                continue;
            }

            if (HtmlScanner.IsDropped(name))
            {
                continue;
            }

            if (HtmlScanner.IsBlock(name) || name == "br")
            {
                if (!sanitize || !HtmlScanner.IsAllowedElement(name))
                {
                    sb.Append(' ');
                }
            }

            if (sanitize && HtmlScanner.IsAllowedElement(name))
            {
                OpenTag(sb, element, name);
            }

            stack.Push((element, true));
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                stack.Push((child, false));
            }
        }
    }

    private static void OpenTag(StringBuilder sb, IElement element, string name)
    {
        sb.Append('<').Append(name);
        foreach (var attribute in element.Attributes)
        {
            var attributeName = attribute.LocalName;
            if (!HtmlScanner.IsAllowedAttribute(name, attributeName))
            {
                continue;
            }

            if (attributeName is "href" or "src" && !HtmlScanner.IsSafeUrl(attribute.Value))
            {
                continue;
            }

            sb.Append(' ').Append(attributeName).Append("=\"");
            Encode(sb, attribute.Value, attribute: true);
            sb.Append('"');
        }

        sb.Append('>');
    }

    private static void Encode(StringBuilder sb, string value, bool attribute)
    {
        foreach (var c in value)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"' when attribute: sb.Append("&quot;"); break;
                case '\0': break;
                default: sb.Append(c); break;
            }
        }
    }

    /// <summary>The text with every run of white space (and NUL) one space, trimmed.</summary>
    internal static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\0')
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
