using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// A small HTML writer: every piece of text and every attribute value goes through the HTML encoder, so nothing
/// harvested is ever written as markup. <see cref="Raw"/> is for our own literal markup only.
/// </summary>
internal sealed class Html
{
    // Every script left as it is (pages are UTF-8): markup characters are still encoded, CJK text is not escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly StringBuilder _builder = new(16 * 1024);

    /// <summary>Our own markup, written as it is.</summary>
    public Html Raw(string markup)
    {
        _builder.Append(markup);
        return this;
    }

    /// <summary>Text, encoded.</summary>
    public Html Text(string? text)
    {
        if (!string.IsNullOrEmpty(text))
        {
            _builder.Append(Encoder.Encode(text));
        }

        return this;
    }

    /// <summary>An opening tag with encoded attribute values; null values are left out.</summary>
    public Html Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _builder.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _builder.Append(' ').Append(name).Append("=\"").Append(Encoder.Encode(value)).Append('"');
            }
        }

        _builder.Append('>');
        return this;
    }

    /// <summary>A closing tag.</summary>
    public Html Close(string tag)
    {
        _builder.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding encoded text.</summary>
    public Html Element(string tag, string? text, params (string Name, string? Value)[] attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>A link holding encoded text.</summary>
    public Html Link(string href, string? text, params (string Name, string? Value)[] attributes) =>
        Open("a", [("href", href), .. attributes]).Text(text).Close("a");

    /// <summary>
    /// Writes the page in UTF-8 to <paramref name="writer"/>, piece by piece: no string or array of the whole page (a
    /// search page is a few hundred KiB of UTF-16, which went to the large object heap on every request). One encoder
    /// runs across the pieces, so a character whose surrogate pair the builder split between two is written whole.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> writer)
    {
        var encoder = Utf8.GetEncoder();
        foreach (var chunk in _builder.GetChunks())
        {
            encoder.Convert(chunk.Span, writer, flush: false, out _, out _);
        }

        encoder.Convert([], writer, flush: true, out _, out _);
    }

    public override string ToString() => _builder.ToString();
}
