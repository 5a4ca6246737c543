using System.Text;
using IiifHarvester.Iiif.Html;

namespace IiifHarvester.Iiif.Tests.Html;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData("<p>Hi <b>there</b><script>alert(1)</script></p>", "<p>Hi <b>there</b></p>")]
    [InlineData("<img src=\"x.png\" onerror=\"alert(1)\">", "<img>")]
    [InlineData("<img src=\"https://example.org/i.png\" alt=\"a\" width=\"3\">", "<img src=\"https://example.org/i.png\" alt=\"a\">")]
    [InlineData("<img src=\"data:image/png;base64,AAAA\" alt=\"d\">", "<img alt=\"d\">")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\" JaVaScRiPt:alert(1)\">x</a>", "<a>x</a>")]
    [InlineData("<a href=\"https://example.org/?a=1&amp;b=2\" title=\"t\" target=\"_blank\">l</a>", "<a href=\"https://example.org/?a=1&amp;b=2\">l</a>")]
    [InlineData("<a href=\"/relative/path\">r</a>", "<a>r</a>")]
    [InlineData("<a href=\"mailto:curator@example.org\">m</a>", "<a>m</a>")]
    [InlineData("<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">d</a>", "<a>d</a>")]
    [InlineData("<a href=\"HTTP://example.org/x\">u</a>", "<a href=\"HTTP://example.org/x\">u</a>")]
    [InlineData("<span style=\"color:red\" onmouseover=\"ownzor()\">Naughty</span>", "<span>Naughty</span>")]
    [InlineData("<div><p>a</p><em>b</em></div>", "<span><p>a</p>b</span>")]
    [InlineData("<b><i>x</b></i>", "<b><i>x</i></b>")]
    [InlineData("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")]
    [InlineData("<style>p{}</style><iframe src=\"https://evil\"></iframe><svg onload=\"x\"><a>y</a></svg>ok", "ok")]
    [InlineData("<x> <y> <plain text>", "<span></span>")]
    [InlineData("Fish & Chips", "Fish & Chips")]
    [InlineData("<!-- <script>x</script> --><p>c</p>", "<p>c</p>")]
    public void Sanitize_Markup_KeepsOnlyTheIiifSubset(string html, string expected)
    {
        var safe = HtmlText.Sanitize(html);

        Assert.Equal(expected, safe);
        HtmlAssert.IsSafe(safe);
    }

    [Theory]
    [InlineData("<p>Line one</p><p>Line two</p>", "Line one Line two")]
    [InlineData("a<br>b", "a b")]
    [InlineData("<b>bo</b>ld", "bold")]
    [InlineData("&amp; &#233;&eacute;", "& éé")]
    [InlineData("<script>x</script>y", "y")]
    [InlineData("  plain   text\n", "plain text")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("<span title='a>b'>t</span>", "t")]
    public void ToPlainText_Markup_GivesIndexableText(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Fact]
    public void ToPlainText_FastPath_AgreesWithTheDomOnRandomSimpleMarkup()
    {
        string[] pieces = ["<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<br>", "<br/>", "<span class=\"x\">", "</span>", "<div>", "</div>",
            "<a href='https://x.org/?a>b'>", "</a>", "word", " ", "\n", "&amp;", "&lt;", "&#233;", "&nbsp;", "é", "<li>", "</li>", "<h1>", "</h1>",
            "<sup>", "</sup>", "<img src=\"i.png\">", "a < b", "x>y"];
        var random = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var sb = new StringBuilder();
            for (var n = random.Next(1, 25); n > 0; n--)
            {
                sb.Append(pieces[random.Next(pieces.Length)]);
            }

            var html = sb.ToString();
            var expected = HtmlText.ToPlainTextViaDom(html);
            var actual = HtmlText.ToPlainText(html);
            Assert.True(expected == actual, $"{html} => DOM \"{expected}\", fast \"{actual}\"");
        }
    }

    [Fact]
    public void Sanitize_DeeplyNestedMarkup_DoesNotOverflow()
    {
        var html = string.Concat(Enumerable.Repeat("<span>", 50_000)) + "deep";

        Assert.Contains("deep", HtmlText.Sanitize(html), StringComparison.Ordinal);
        Assert.Equal("deep", HtmlText.ToPlainText(html));
    }

    [Theory]
    [InlineData("<span onmouseover='ownzor()'>Naughty</span>", "attribute onmouseover")]
    [InlineData("<x> <y> <plain text>", "element <x>")]
    [InlineData("<a href=\"javascript:x()\">l</a>", "unsafe URL")]
    [InlineData("<p>fine <b>markup</b> <a href=\"https://e.org\">l</a></p>", null)]
    [InlineData("<img src=\"data:image/png;base64,AAAA\" alt=\"x\">", "unsafe URL in src")]
    // Villanova's licence badge: alt is text (Presentation 3.0 §4.4 allows it on img), not a URL, and it is kept.
    [InlineData("<a href=\"https://creativecommons.org/licenses/by-sa/4.0/\"><img src=\"https://e.org/by-sa.png\" alt=\"Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)\"></a>", null)]
    public void FindUnsafeMarkup_Value_NamesTheFirstProblem(string html, string? problem)
    {
        var found = HtmlText.FindUnsafeMarkup(html);

        if (problem is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(problem, found, StringComparison.Ordinal);
        }
    }
}
