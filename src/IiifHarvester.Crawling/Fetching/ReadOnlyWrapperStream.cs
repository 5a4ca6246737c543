namespace IiifHarvester.Crawling.Fetching;

/// <summary>
/// A forward-only, read-only stream over <see cref="Inner"/>, which it disposes: what the fetcher's wrappers (a cap on
/// the wire, a sniffed prefix given back) share. A wrapper says how it reads; nothing else is supported.
/// </summary>
internal abstract class ReadOnlyWrapperStream(Stream inner) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The stream read from.</summary>
    protected Stream Inner { get; } = inner;

    public abstract override int Read(byte[] buffer, int offset, int count);

    public abstract override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
