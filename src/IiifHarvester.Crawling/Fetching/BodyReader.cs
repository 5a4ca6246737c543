using System.Buffers;
using System.IO.Compression;

namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// Reads a response body with caps: on the wire (Content-Length checked first, then every byte counted) and after
/// decompression, which we do ourselves so a gzip bomb stops at the cap instead of filling memory.
/// </summary>
internal static class BodyReader
{
    private const int ChunkSize = 64 * 1024;
    private const int MaxInitialBuffer = 4 * 1024 * 1024;

    /// <summary>Reads the body; throws <see cref="BodyTooLargeException"/> at a cap and <see cref="InvalidDataException"/> for a corrupt or unknown encoding.</summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxWireBytes, long maxExpandedBytes, CancellationToken cancellationToken)
    {
        var declared = content.Headers.ContentLength;
        if (declared > maxWireBytes)
        {
            throw new BodyTooLargeException($"Content-Length {declared} is over the limit of {maxWireBytes} bytes");
        }

        var encodings = content.Headers.ContentEncoding.Select(e => e.Trim().ToLowerInvariant()).Where(e => e is not ("identity" or "")).ToList();
        var wire = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        Stream stream = new CappedReadStream(wire, maxWireBytes);
        try
        {
            // Content-Encoding lists codings in the order applied; undo them last first (RFC 9110 §8.4).
            for (var i = encodings.Count - 1; i >= 0; i--)
            {
                stream = encodings[i] switch
                {
                    "gzip" or "x-gzip" => new GZipStream(stream, CompressionMode.Decompress),
                    "deflate" => await InflateAsync(stream, cancellationToken).ConfigureAwait(false),
                    "br" => new BrotliStream(stream, CompressionMode.Decompress),
                    var other => throw new InvalidDataException($"unsupported Content-Encoding '{other}'"),
                };
            }

            var cap = encodings.Count == 0 ? maxWireBytes : maxExpandedBytes;
            // Trust Content-Length for the first buffer only up to a point: a lying header must not reserve the whole cap.
            var initial = encodings.Count == 0 && declared is > 0 ? (int)Math.Min(declared.Value, Math.Min(cap, MaxInitialBuffer)) : ChunkSize;
            return await ReadCappedAsync(stream, cap, initial, encodings.Count > 0, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<Stream> InflateAsync(Stream compressed, CancellationToken cancellationToken)
    {
        // RFC 9110 §8.4.1.2: deflate is a zlib stream, but old IIS and PHP's gzdeflate send raw DEFLATE, which browsers
        // read too. A zlib header is two bytes: the first names method 8, and together they are a multiple of 31.
        var head = new byte[2];
        var read = await compressed.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var replayed = new PrefixedReadStream(head.AsMemory(0, read), compressed);
        return read == 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0
            ? new ZLibStream(replayed, CompressionMode.Decompress)
            : new DeflateStream(replayed, CompressionMode.Decompress);
    }

    private static async Task<byte[]> ReadCappedAsync(Stream stream, long cap, int initialSize, bool expanded, CancellationToken cancellationToken)
    {
        // Read one byte past the cap at most, so "exactly at the cap" is accepted and "over" is detected.
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialSize + 1, 256));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, Math.Min(cap + 1, Array.MaxLength)));
                    buffer.AsSpan(0, length).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > cap)
                {
                    throw new BodyTooLargeException(expanded
                        ? $"the body expands to over the limit of {cap} bytes"
                        : $"the body is over the limit of {cap} bytes");
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
