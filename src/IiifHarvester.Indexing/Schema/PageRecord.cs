using System.Text;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Schema;

/// <summary>
/// Everything a hit needs from one text document (its text, layout, manifest, canvas, motivation, creator, date and
/// language), kept in one binary doc value. Reading it is a seek and a copy of a few kilobytes from the mapped
/// file, where the stored fields decompressed their whole 16 KB block up to the document for every page of hits.
/// </summary>
internal sealed record PageRecord
{
    private const byte FormatVersion = 1;

    public required string Text { get; init; }

    public required PageLayout Layout { get; init; }

    public required string ManifestUri { get; init; }

    public required string ManifestKey { get; init; }

    public required LanguageMap ManifestLabel { get; init; }

    public required string CanvasId { get; init; }

    public required string Motivation { get; init; }

    public string? Creator { get; init; }

    public long? CreatedMillis { get; init; }

    public string? Language { get; init; }

    /// <summary>True for text written on the canvas (transcriptions, OCR), whose characters lie along their region; not for comments or tags.</summary>
    public bool IsTranscription => Motivations.IsTranscription(Motivation);

    /// <summary>The whole canvas as a region, when its size is known.</summary>
    public Region? WholeCanvas => Layout is { CanvasWidth: { } w, CanvasHeight: { } h } ? new Region(0, 0, w, h) : null;

    public byte[] Encode()
    {
        using var stream = new MemoryStream(Text.Length * 2 + 256);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(Text);
            writer.Write(ManifestUri);
            writer.Write(ManifestKey);
            writer.Write(CanvasId);
            writer.Write(Motivation);
            PageLayout.WriteString(writer, Creator);
            PageLayout.WriteString(writer, Language);
            writer.Write(CreatedMillis.HasValue);
            if (CreatedMillis is { } created)
            {
                writer.Write(created);
            }

            writer.Write7BitEncodedInt(ManifestLabel.Values.Count);
            foreach (var (language, values) in ManifestLabel.Values)
            {
                writer.Write(language);
                writer.Write7BitEncodedInt(values.Count);
                foreach (var value in values)
                {
                    writer.Write(value);
                }
            }

            // Last: Decode leaves its lines encoded where they are stored and reads them on use.
            Layout.WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>Decodes a record; <paramref name="bytes"/> is kept (word boxes are decoded from it on use) and must not change.</summary>
    public static PageRecord Decode(byte[] bytes) => Decode(bytes, 0, bytes.Length);

    /// <summary>
    /// Decodes the record in <paramref name="length"/> bytes of <paramref name="bytes"/> from <paramref name="offset"/>,
    /// which are kept (word boxes are decoded from them on use): they must not change while the record is used.
    /// </summary>
    public static PageRecord Decode(byte[] bytes, int offset, int length)
    {
        var reader = new ByteReader(bytes.AsSpan(offset, length));
        if (reader.ReadByte() != FormatVersion)
        {
            throw new InvalidDataException("Unknown text document record version.");
        }

        var text = reader.ReadString();
        var manifestUri = reader.ReadString();
        var manifestKey = reader.ReadString();
        var canvasId = reader.ReadString();
        var motivation = reader.ReadString();
        var creator = reader.ReadNullableString();
        var language = reader.ReadNullableString();
        long? created = reader.ReadBoolean() ? reader.ReadInt64() : null;
        var languages = reader.Read7BitEncodedInt();
        var label = new KeyValuePair<string, IReadOnlyList<string>>[languages];
        for (var l = 0; l < languages; l++)
        {
            var key = reader.ReadString();
            var values = new string[reader.Read7BitEncodedInt()];
            for (var v = 0; v < values.Length; v++)
            {
                values[v] = reader.ReadString();
            }

            label[l] = new(key, values);
        }

        var manifestLabel = languages switch
        {
            0 => LanguageMap.Empty,
            1 when label[0].Value.Count == 1 => LanguageMap.Of(label[0].Key, label[0].Value[0]),
            _ => new LanguageMap(label),
        };

        return new PageRecord
        {
            Text = text,
            ManifestUri = manifestUri,
            ManifestKey = manifestKey,
            CanvasId = canvasId,
            Motivation = motivation,
            Creator = creator,
            Language = language,
            CreatedMillis = created,
            ManifestLabel = manifestLabel,
            Layout = PageLayout.Read(ref reader, bytes, offset),
        };
    }
}
