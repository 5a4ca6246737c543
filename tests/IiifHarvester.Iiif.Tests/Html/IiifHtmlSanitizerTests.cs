using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Tests.Html;

public sealed class IiifHtmlSanitizerTests
{
    [Theory]
    [InlineData("<script>alert(163)</script>", "<span></span>")]
    [InlineData("<p>Hi <b>there</b><script>alert(1)</script></p>", "<p>Hi <b>there</b></p>")]
    [InlineData("Note <script>alert(1)</script> end", "Note  end")]
    [InlineData("Note <img src=x onerror=alert(1)>", "Note <img>")]
    [InlineData("a < b and c > d", "a < b and c > d")]
    [InlineData("Fish & Chips &lt;3", "Fish & Chips &lt;3")]
    [InlineData("plain", "plain")]
    public void Sanitize_Value_KeepsTextAndOnlyTheIiifSubset(string value, string expected)
    {
        var safe = IiifHtmlSanitizer.Sanitize(value);

        Assert.Equal(expected, safe);
        HtmlAssert.IsSafe(safe);
    }

    [Fact]
    public void Sanitize_LanguageMap_SanitizesEveryValue()
    {
        var map = new LanguageMap([new("en", ["<p onclick=\"x()\">a</p>", "b"]), new("none", ["<script>alert(163)</script>"])]);

        var safe = IiifHtmlSanitizer.Sanitize(map);

        Assert.Equal(["<p>a</p>", "b"], safe.Values["en"]);
        Assert.Equal(["<span></span>"], safe.Values["none"]);
    }

    [Fact]
    public void Sanitize_CleanLanguageMap_IsTheSameInstance()
    {
        var map = new LanguageMap([new("en", ["<p>a</p>", "b < c"])]);

        Assert.Same(map, IiifHtmlSanitizer.Sanitize(map));
    }
}
