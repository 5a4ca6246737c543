using AngleSharp.Html.Parser;

namespace IiifHarvester.Iiif.Html;

/// <summary>HTML in IIIF values (Presentation 3.0 §4.4): plain text for indexing, a safe subset for re-serving.</summary>
public static class HtmlText
{
    private static readonly HtmlParser Parser = new();

    /// <summary>The text content of <paramref name="html"/>, white space collapsed.</summary>
    public static string ToPlainText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!html.Contains('<', StringComparison.Ordinal) && !html.Contains('&', StringComparison.Ordinal))
        {
            return html.Trim();
        }

        var document = Parser.ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.QuerySelectorAll("script, style"))
        {
            element.Remove();
        }

        var text = document.Body?.TextContent ?? string.Empty;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
