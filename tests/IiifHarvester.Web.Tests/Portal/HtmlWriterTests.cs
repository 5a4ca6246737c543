using System.Buffers;
using System.Text;
using IiifHarvester.Web.Portal;
using Xunit;

namespace IiifHarvester.Web.Tests.Portal;

public sealed class HtmlWriterTests
{
    [Fact]
    public void WriteTo_SurrogatePairsSplitBetweenTheBuildersPieces_WritesTheBytesOfTheWholePage()
    {
        // One character, then characters outside the Basic Multilingual Plane (two UTF-16 units each): the builder's
        // pieces hold an even number of units, so its piece boundaries fall inside those pairs.
        var html = new Html().Raw("a");
        for (var i = 0; i < 60_000; i++)
        {
            html.Raw("\U0002000B");
        }

        var expected = Encoding.UTF8.GetBytes(html.ToString());
        var written = new ArrayBufferWriter<byte>();
        html.WriteTo(written);

        Assert.Equal(1 + (60_000 * 4), expected.Length);
        Assert.Equal(expected, written.WrittenSpan.ToArray());
    }

    [Fact]
    public void WriteTo_AsciiAndCjk_WritesWhatToStringHolds()
    {
        var html = new Html().Raw("<p>").Text("北京 & <b>").Raw("</p>");
        var written = new ArrayBufferWriter<byte>();

        html.WriteTo(written);

        Assert.Equal("<p>北京 &amp; &lt;b&gt;</p>", Encoding.UTF8.GetString(written.WrittenSpan));
    }
}
