namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// Brings a JSON body to what JSON is on the wire (RFC 8259 §8.1: UTF-8, no byte order mark), so that everything
/// downstream (the store, the parser, the annotation check, the re-served copy) reads plain UTF-8.
/// </summary>
internal static class JsonEncoding
{
    /// <summary>The body as UTF-8 without a byte order mark; the same array when it already is.</summary>
    public static byte[] ToUtf8(byte[] body) =>
        // RFC 8259 §8.1 lets a parser ignore a byte order mark, and publishers do send one; not every reader skips it.
        body.AsSpan().StartsWith("\uFEFF"u8) ? body[3..] : body;
}
