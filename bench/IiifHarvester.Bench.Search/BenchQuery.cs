using System.Buffers;
using IiifHarvester.Indexing.Search;

namespace IiifHarvester.Bench.Search;

/// <summary>One benchmark request: its URL on our server, and the same request made in-process.</summary>
/// <param name="Url">The path and query string.</param>
/// <param name="InProcess">The same request through <see cref="IContentSearch"/>; returns how many hits it found.</param>
/// <param name="WithJson">
/// The same request, then its answer written by the endpoint's own writer into memory (Content Search only): what
/// HTTP adds beyond it is the endpoint, Kestrel and the transport.
/// </param>
internal sealed record BenchQuery(string Url, Func<IContentSearch, int> InProcess, Func<IContentSearch, int>? WithJson = null)
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _answer;

    /// <summary>A buffer for one answer, per thread, emptied.</summary>
    public static ArrayBufferWriter<byte> AnswerBuffer()
    {
        var buffer = _answer ??= new ArrayBufferWriter<byte>(1 << 16);
        buffer.ResetWrittenCount();
        return buffer;
    }
}
