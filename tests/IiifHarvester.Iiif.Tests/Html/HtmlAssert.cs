using AngleSharp.Html.Parser;

namespace IiifHarvester.Iiif.Tests.Html;

/// <summary>Checks sanitizer output the way a browser would read it: parsed, every element and attribute inspected.</summary>
internal static class HtmlAssert
{
    private static readonly HashSet<string> Allowed = ["a", "b", "br", "i", "img", "p", "small", "span", "sub", "sup"];

    public static void IsSafe(string html)
    {
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            Assert.Contains(element.LocalName, Allowed);
            foreach (var attribute in element.Attributes)
            {
                Assert.True(
                    (element.LocalName, attribute.LocalName) is ("a", "href") or ("img", "src") or ("img", "alt"),
                    $"attribute {attribute.LocalName} kept on <{element.LocalName}> in {html}");
                if (attribute.LocalName is "href" or "src")
                {
                    var url = new string(attribute.Value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
                    Assert.False(url.StartsWith("javascript:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("vbscript:", StringComparison.Ordinal), html);
                }
            }
        }
    }
}
