using System.Numerics;
using System.Runtime.Intrinsics;
using System.Text;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// Reads what <see cref="BinaryWriter"/> wrote (7-bit encoded integers, length-prefixed UTF-8 strings, booleans)
/// straight from a span: no stream, no copy of the bytes.
/// </summary>
internal ref struct ByteReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private int _position;

    public ByteReader(ReadOnlySpan<byte> bytes)
    {
        _bytes = bytes;
        _position = 0;
    }

    /// <summary>Bytes read so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bytes left to read.</summary>
    public readonly int Remaining => _bytes.Length - _position;

    public byte ReadByte() => _position < _bytes.Length
        ? _bytes[_position++]
        : throw new InvalidDataException("The stored text document record ends early.");

    public bool ReadBoolean() => ReadByte() != 0;

    public long ReadInt64()
    {
        if (_bytes.Length - _position < sizeof(long))
        {
            throw new InvalidDataException("The stored text document record ends early.");
        }

        var value = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(_bytes.Slice(_position, sizeof(long)));
        _position += sizeof(long);
        return value;
    }

    /// <summary>A double as <see cref="BinaryWriter.Write(double)"/> wrote it (8 bytes, little-endian).</summary>
    public double ReadDouble() => BitConverter.Int64BitsToDouble(ReadInt64());

    /// <summary>Moves past <paramref name="count"/> bytes.</summary>
    public void Skip(int count)
    {
        if (count < 0 || _bytes.Length - _position < count)
        {
            throw new InvalidDataException("The stored text document record ends early.");
        }

        _position += count;
    }

    public int Read7BitEncodedInt() => (int)Read7BitEncodedInt64();

    public long Read7BitEncodedInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)result;
            }
        }

        throw new InvalidDataException("A 7-bit encoded integer in the stored text document record is too long.");
    }

    /// <summary>
    /// Moves past <paramref name="count"/> 7-bit encoded integers without decoding them: each ends at its first byte
    /// below 0x80, so skipping is counting those bytes. A page record skips a few thousand of them (every word box of
    /// every line it does not build), so they are counted a vector at a time: a block with fewer ends than are left
    /// to skip is passed whole.
    /// </summary>
    public void Skip7BitEncodedInts(int count)
    {
        var bytes = _bytes;
        var position = _position;
        if (count <= 0)
        {
            return;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            while (bytes.Length - position >= Vector256<byte>.Count)
            {
                var ends = ~Vector256.Create(bytes.Slice(position, Vector256<byte>.Count)).ExtractMostSignificantBits();
                if (SkipBlock(ends, Vector256<byte>.Count, ref count, ref position))
                {
                    _position = position;
                    return;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            while (bytes.Length - position >= Vector128<byte>.Count)
            {
                var ends = ~Vector128.Create(bytes.Slice(position, Vector128<byte>.Count)).ExtractMostSignificantBits() & 0xFFFF;
                if (SkipBlock(ends, Vector128<byte>.Count, ref count, ref position))
                {
                    _position = position;
                    return;
                }
            }
        }

        while (count > 0)
        {
            if ((uint)position >= (uint)bytes.Length)
            {
                throw new InvalidDataException("The stored text document record ends early.");
            }

            if (bytes[position++] < 0x80)
            {
                count--;
            }
        }

        _position = position;
    }

    /// <summary>
    /// One block of <paramref name="width"/> bytes whose integer ends are the set bits of <paramref name="ends"/>:
    /// true with <paramref name="position"/> just past the <paramref name="count"/>th end when the block holds it,
    /// else false with the block passed and its ends taken from <paramref name="count"/>.
    /// </summary>
    private static bool SkipBlock(uint ends, int width, ref int count, ref int position)
    {
        var inBlock = BitOperations.PopCount(ends);
        if (inBlock < count)
        {
            count -= inBlock;
            position += width;
            return false;
        }

        for (var k = 1; k < count; k++)
        {
            ends &= ends - 1;
        }

        position += BitOperations.TrailingZeroCount(ends) + 1;
        count = 0;
        return true;
    }

    public string ReadString()
    {
        var length = ReadStringLength();
        var value = Encoding.UTF8.GetString(_bytes.Slice(_position, length));
        _position += length;
        return value;
    }

    public string? ReadNullableString() => ReadBoolean() ? ReadString() : null;

    /// <summary>Moves past what <see cref="ReadNullableString"/> would read, without decoding it.</summary>
    public void SkipNullableString()
    {
        if (!ReadBoolean())
        {
            return;
        }

        // Not `_position += ReadStringLength()`: that reads _position before the length prefix moves it.
        var length = ReadStringLength();
        _position += length;
    }

    /// <summary>A string's byte length prefix, checked against the bytes left.</summary>
    private int ReadStringLength()
    {
        var length = Read7BitEncodedInt();
        if (length < 0 || length > _bytes.Length - _position)
        {
            throw new InvalidDataException("A string in the stored text document record runs past its end.");
        }

        return length;
    }
}
