using System.Buffers;
using System.IO.Pipelines;

namespace IiifHarvester.Web.Search;

/// <summary>
/// The response's pipe, flushed in parts while a JSON answer is written: every <see cref="FlushEvery"/> bytes the
/// written part is handed to the server to send, so the network and the client work on the start of an answer of
/// hundreds of KiB while its end is still being written, instead of after all of it. Writing never waits: while a
/// flush is still sending (a slow client) the writer goes on appending, which the server's response pipe allows
/// (Kestrel accepts writes while a flush is in progress), and the next flush waits until the answer is complete.
/// </summary>
internal sealed class PacedBodyWriter : IBufferWriter<byte>
{
    /// <summary>How many bytes are written between flushes.</summary>
    public const int FlushEvery = 32 * 1024;

    private readonly PipeWriter _output;
    private readonly CancellationToken _cancellationToken;
    private long _sinceFlush;
    private ValueTask<FlushResult> _flushing;

    public PacedBodyWriter(PipeWriter output, CancellationToken cancellationToken)
    {
        _output = output;
        _cancellationToken = cancellationToken;
    }

    /// <summary>How many times a part was handed on while writing (for tests).</summary>
    public int PartsFlushed { get; private set; }

    /// <inheritdoc />
    public void Advance(int count)
    {
        _output.Advance(count);
        _sinceFlush += count;
        if (_sinceFlush < FlushEvery || !_flushing.IsCompleted)
        {
            return;
        }

        // The previous part has been sent: observe its result (a client gone away surfaces at the last flush).
        _ = _flushing.Result;
        _sinceFlush = 0;
        PartsFlushed++;
        // Consumed once: by the next part's check above, or by CompleteAsync.
#pragma warning disable CA2012
        _flushing = _output.FlushAsync(_cancellationToken);
#pragma warning restore CA2012
    }

    /// <inheritdoc />
    public Memory<byte> GetMemory(int sizeHint = 0) => _output.GetMemory(sizeHint);

    /// <inheritdoc />
    public Span<byte> GetSpan(int sizeHint = 0) => _output.GetSpan(sizeHint);

    /// <summary>Waits for a part still being sent, then sends the rest.</summary>
    public async ValueTask CompleteAsync()
    {
        await _flushing;
        await _output.FlushAsync(_cancellationToken);
    }
}
