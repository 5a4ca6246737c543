namespace IiifHarvester.Crawling.Fetching;

/// <summary>A read-only stream that gives back bytes already read from <paramref name="inner"/> (a sniffed header) before the rest of it.</summary>
internal sealed class PrefixedReadStream(ReadOnlyMemory<byte> prefix, Stream inner) : ReadOnlyWrapperStream(inner)
{
    private ReadOnlyMemory<byte> _prefix = prefix;

    public override int Read(byte[] buffer, int offset, int count) =>
        _prefix.IsEmpty ? Inner.Read(buffer, offset, count) : FromPrefix(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _prefix.IsEmpty ? Inner.ReadAsync(buffer, cancellationToken) : ValueTask.FromResult(FromPrefix(buffer.Span));

    private int FromPrefix(Span<byte> buffer)
    {
        var count = Math.Min(buffer.Length, _prefix.Length);
        _prefix.Span[..count].CopyTo(buffer);
        _prefix = _prefix[count..];
        return count;
    }
}
