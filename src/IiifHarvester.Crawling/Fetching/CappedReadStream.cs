namespace IiifHarvester.Crawling.Fetching;

/// <summary>A read-only view of the wire stream that throws once more than a cap has been read (compressed bytes are counted here).</summary>
internal sealed class CappedReadStream(Stream inner, long maxBytes) : ReadOnlyWrapperStream(inner)
{
    private long _read;

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(Inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await Inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    private int Count(int read)
    {
        _read += read;
        if (_read > maxBytes)
        {
            throw new BodyTooLargeException($"the body is over the limit of {maxBytes} bytes on the wire");
        }

        return read;
    }
}
