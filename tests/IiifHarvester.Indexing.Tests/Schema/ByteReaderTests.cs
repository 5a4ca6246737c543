using IiifHarvester.Indexing.Schema;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Schema;

public sealed class ByteReaderTests
{
    [Fact]
    public void Skip7BitEncodedInts_AnyCountFromAnyPosition_EndsWhereDecodingEachWouldEnd()
    {
        // Integers of one to five bytes, so their ends fall anywhere in a vector block and blocks hold none or many.
        var random = new Random(14);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            for (var i = 0; i < 3000; i++)
            {
                writer.Write7BitEncodedInt(random.Next(5) switch
                {
                    0 => random.Next(0x80),
                    1 => random.Next(0x80, 0x4000),
                    2 => random.Next(0x4000, 0x200000),
                    3 => random.Next(0x200000, 0x10000000),
                    _ => random.Next(0x10000000, int.MaxValue),
                });
            }
        }

        var bytes = stream.ToArray();
        for (var trial = 0; trial < 2000; trial++)
        {
            var first = random.Next(100);
            var count = trial % 3 == 0 ? random.Next(40) : random.Next(3000 - first + 1);
            var expected = new ByteReader(bytes);
            var skipped = new ByteReader(bytes);
            for (var i = 0; i < first; i++)
            {
                expected.Read7BitEncodedInt();
                skipped.Read7BitEncodedInt();
            }

            for (var i = 0; i < count; i++)
            {
                expected.Read7BitEncodedInt();
            }

            skipped.Skip7BitEncodedInts(count);
            Assert.Equal(expected.Position, skipped.Position);
        }
    }

    [Fact]
    public void Skip7BitEncodedInts_MoreThanTheBytesHold_ThrowsInvalidData()
    {
        // 100 one-byte integers, then one whose last byte is missing: skipping 101 runs off the end.
        var bytes = Enumerable.Repeat((byte)0x05, 100).Append((byte)0x80).ToArray();

        var exception = Record.Exception(() =>
        {
            var reader = new ByteReader(bytes);
            reader.Skip7BitEncodedInts(101);
        });

        Assert.IsType<InvalidDataException>(exception);
        var exact = new ByteReader(bytes);
        exact.Skip7BitEncodedInts(100);
        Assert.Equal(100, exact.Position);
    }

    [Fact]
    public void Skip7BitEncodedInts_ZeroOrNegative_StaysPut()
    {
        var bytes = new byte[] { 0x01, 0x02 };
        var reader = new ByteReader(bytes);

        reader.Skip7BitEncodedInts(0);
        reader.Skip7BitEncodedInts(-3);

        Assert.Equal(0, reader.Position);
    }
}
