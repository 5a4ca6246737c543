using System.Text;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// The stored layout of a text document: the canvas size and its annotations with their offsets, regions and word
/// boxes, in a compact binary form (coordinates rounded to whole canvas units, variable-length integers).
/// </summary>
internal sealed record PageLayout(int? CanvasWidth, int? CanvasHeight, IReadOnlyList<PageLine> Lines)
{
    private const byte FormatVersion = 1;

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write7BitEncodedInt(CanvasWidth ?? -1);
            writer.Write7BitEncodedInt(CanvasHeight ?? -1);
            writer.Write7BitEncodedInt(Lines.Count);
            foreach (var line in Lines)
            {
                writer.Write7BitEncodedInt(line.Start);
                writer.Write7BitEncodedInt(line.Length);
                WriteString(writer, line.Id);
                WriteString(writer, line.Language);
                writer.Write(line.Region.HasValue);
                if (line.Region is { } region)
                {
                    WriteRegion(writer, region);
                }

                writer.Write7BitEncodedInt(line.Words.Count);
                foreach (var word in line.Words)
                {
                    writer.Write7BitEncodedInt(word.Start);
                    writer.Write7BitEncodedInt(word.Length);
                    WriteRegion(writer, word.Region);
                }
            }
        }

        return stream.ToArray();
    }

    public static PageLayout Decode(ReadOnlyMemory<byte> bytes)
    {
        using var stream = new MemoryStream(bytes.ToArray(), writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown text document layout version.");
        }

        var width = reader.Read7BitEncodedInt();
        var height = reader.Read7BitEncodedInt();
        var count = reader.Read7BitEncodedInt();
        var lines = new PageLine[count];
        for (var i = 0; i < count; i++)
        {
            var start = reader.Read7BitEncodedInt();
            var length = reader.Read7BitEncodedInt();
            var id = ReadString(reader);
            var language = ReadString(reader);
            Region? region = reader.ReadBoolean() ? ReadRegion(reader) : null;
            var wordCount = reader.Read7BitEncodedInt();
            var words = wordCount == 0 ? [] : new WordBox[wordCount];
            for (var w = 0; w < wordCount; w++)
            {
                words[w] = new WordBox(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), ReadRegion(reader));
            }

            lines[i] = new PageLine(start, length, id, region, language, words);
        }

        return new PageLayout(width < 0 ? null : width, height < 0 ? null : height, lines);
    }

    private static void WriteString(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadString(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    private static void WriteRegion(BinaryWriter writer, Region region)
    {
        writer.Write7BitEncodedInt64(ZigZag(region.X));
        writer.Write7BitEncodedInt64(ZigZag(region.Y));
        writer.Write7BitEncodedInt64(ZigZag(region.Width));
        writer.Write7BitEncodedInt64(ZigZag(region.Height));
    }

    private static Region ReadRegion(BinaryReader reader) => new(
        UnZigZag(reader.Read7BitEncodedInt64()),
        UnZigZag(reader.Read7BitEncodedInt64()),
        UnZigZag(reader.Read7BitEncodedInt64()),
        UnZigZag(reader.Read7BitEncodedInt64()));

    private static long ZigZag(double value)
    {
        var n = (long)Math.Round(value);
        return (n << 1) ^ (n >> 63);
    }

    private static double UnZigZag(long value) => (value >>> 1) ^ -(value & 1);
}
