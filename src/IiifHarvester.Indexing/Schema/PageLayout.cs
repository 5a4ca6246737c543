using System.Text;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// The stored layout of a text document: the canvas size and its annotations with their offsets, regions and word
/// boxes, in a compact binary form (coordinates rounded to whole canvas units, variable-length integers).
/// </summary>
internal sealed record PageLayout(int? CanvasWidth, int? CanvasHeight, IReadOnlyList<PageLine> Lines)
{
    /// <summary>2: a line's flags byte (region, time, time's end) and its time, where 1 had a region boolean.</summary>
    private const byte FormatVersion = 2;

    private const byte HasRegion = 1;
    private const byte HasTime = 2;
    private const byte HasTimeEnd = 4;

    public byte[] Encode()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Writes the layout (read back by <see cref="Read"/>).</summary>
    public void WriteTo(BinaryWriter writer)
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
            writer.Write((byte)((line.Region.HasValue ? HasRegion : 0) | (line.Time.HasValue ? HasTime : 0) | (line.Time?.End is not null ? HasTimeEnd : 0)));
            if (line.Region is { } region)
            {
                WriteRegion(writer, region);
            }

            if (line.Time is { } time)
            {
                writer.Write(time.Start);
                if (time.End is { } end)
                {
                    writer.Write(end);
                }
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

    public static PageLayout Decode(ReadOnlySpan<byte> bytes)
    {
        var reader = new ByteReader(bytes);
        return Read(ref reader, null, 0);
    }

    /// <summary>
    /// Reads a layout written by <see cref="WriteTo"/>. With <paramref name="source"/> (the whole array the reader
    /// reads, which the caller no longer changes) the lines stay encoded there and the reader is left where they
    /// start, so the layout must be the last thing stored: a line's offsets are read when a line at or after it is
    /// asked for, its id, language, region and word boxes when it is, since a page of hits needs the few lines it
    /// matched, not every line of every page it touched. <paramref name="sourceOffset"/> is where in
    /// <paramref name="source"/> the reader's bytes start.
    /// </summary>
    public static PageLayout Read(ref ByteReader reader, byte[]? source, int sourceOffset)
    {
        // Format 1's region boolean (0 or 1) reads as format 2's flags without a time: a page of an index that is
        // still being rewritten after the schema changed answers as it did.
        if (reader.ReadByte() is not (FormatVersion or 1))
        {
            throw new InvalidDataException("Unknown text document layout version.");
        }

        var width = reader.Read7BitEncodedInt();
        var height = reader.Read7BitEncodedInt();
        var count = reader.Read7BitEncodedInt();
        if (count < 0 || count > reader.Remaining)
        {
            throw new InvalidDataException("The stored text document layout counts more lines than it holds.");
        }

        IReadOnlyList<PageLine> lines = source is null
            ? ReadLines(ref reader, count)
            : EncodedPageLines.Read(ref reader, count, source, sourceOffset);
        return new PageLayout(width < 0 ? null : width, height < 0 ? null : height, lines);
    }

    private static PageLine[] ReadLines(ref ByteReader reader, int count)
    {
        var lines = new PageLine[count];
        for (var i = 0; i < count; i++)
        {
            var start = reader.Read7BitEncodedInt();
            var length = reader.Read7BitEncodedInt();
            lines[i] = ReadLineRest(ref reader, start, length, null, 0);
        }

        return lines;
    }

    /// <summary>
    /// A line's id, language, region and word boxes, after its start and length. With <paramref name="source"/> the
    /// word boxes stay encoded there until used.
    /// </summary>
    internal static PageLine ReadLineRest(ref ByteReader reader, int start, int length, byte[]? source, int sourceOffset)
    {
        var id = reader.ReadNullableString();
        var language = reader.ReadNullableString();
        var flags = reader.ReadByte();
        Region? region = (flags & HasRegion) != 0 ? ReadRegion(ref reader) : null;
        TimeRange? time = (flags & HasTime) != 0 ? new TimeRange(reader.ReadDouble(), (flags & HasTimeEnd) != 0 ? reader.ReadDouble() : null) : null;
        var wordCount = reader.Read7BitEncodedInt();
        IReadOnlyList<WordBox> words;
        if (wordCount == 0)
        {
            words = [];
        }
        else if (source is null)
        {
            words = ReadWords(ref reader, wordCount);
        }
        else
        {
            words = new EncodedWordBoxes(source, sourceOffset + reader.Position, wordCount);
            reader.Skip7BitEncodedInts(wordCount * 6);
        }

        return new PageLine(start, length, id, region, language, words, time);
    }

    /// <summary>Moves past a line's id, language, region and word boxes.</summary>
    internal static void SkipLineRest(ref ByteReader reader)
    {
        reader.SkipNullableString();
        reader.SkipNullableString();
        var flags = reader.ReadByte();
        if ((flags & HasRegion) != 0)
        {
            reader.Skip7BitEncodedInts(4);
        }

        if ((flags & HasTime) != 0)
        {
            reader.Skip((flags & HasTimeEnd) != 0 ? 16 : 8);
        }

        var wordCount = reader.Read7BitEncodedInt();
        if (wordCount < 0)
        {
            throw new InvalidDataException("A line of the stored text document layout has a negative word count.");
        }

        reader.Skip7BitEncodedInts(wordCount * 6);
    }

    /// <summary>Decodes <paramref name="count"/> word boxes (start, length and four coordinates each).</summary>
    internal static WordBox[] ReadWords(ref ByteReader reader, int count)
    {
        var words = new WordBox[count];
        for (var w = 0; w < count; w++)
        {
            words[w] = new WordBox(reader.Read7BitEncodedInt(), reader.Read7BitEncodedInt(), ReadRegion(ref reader));
        }

        return words;
    }

    internal static void WriteString(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static void WriteRegion(BinaryWriter writer, Region region)
    {
        writer.Write7BitEncodedInt64(ZigZag(region.X));
        writer.Write7BitEncodedInt64(ZigZag(region.Y));
        writer.Write7BitEncodedInt64(ZigZag(region.Width));
        writer.Write7BitEncodedInt64(ZigZag(region.Height));
    }

    private static Region ReadRegion(ref ByteReader reader) => new(
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
