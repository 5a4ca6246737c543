using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using NetVips;

namespace IiifHarvester.Demo;

/// <summary>
/// The demo institution's level-0 Image API 3.0 services: static tiles and sizes only, as a static file server
/// would publish them. Each image is a 1000x1000 grid of 100 px coloured squares (like the IIIF validator's test
/// image), each service with its own palette. Rendered with libvips on first request and kept in memory.
/// </summary>
public sealed class DemoImages
{
    /// <summary>How many distinct images the institution has.</summary>
    public const int Count = 3;

    /// <summary>The images' pixel size.</summary>
    public const int Size = 1000;

    /// <summary>The tile size published in info.json.</summary>
    public const int TileSize = 512;

    private static readonly int[] ScaleFactors = [1, 2, 4];
    private static readonly int[] Sizes = [250, 500, 1000];
    private readonly ConcurrentDictionary<string, byte[]> _cache = new(StringComparer.Ordinal);
    private readonly DemoInstitution _institution;

    /// <summary>Creates the image services of <paramref name="institution"/>.</summary>
    public DemoImages(DemoInstitution institution) => _institution = institution;

    /// <summary>The RGB colour of the square at column <paramref name="col"/>, row <paramref name="row"/> of image <paramref name="image"/>.</summary>
    public static (byte R, byte G, byte B) ColourAt(int image, int col, int row) =>
        ((byte)((col * 25 + image * 80) % 256), (byte)((row * 25 + image * 40) % 256), (byte)(((col + row) * 12 + image * 60) % 256));

    /// <summary>info.json of image <paramref name="image"/>, or null.</summary>
    public byte[]? Info(int image)
    {
        if (image is < 0 or >= Count)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("@context", "http://iiif.io/api/image/3/context.json");
            w.WriteString("id", _institution.ImageServiceUri(image));
            w.WriteString("type", "ImageService3");
            w.WriteString("protocol", "http://iiif.io/api/image");
            w.WriteString("profile", "level0");
            w.WriteNumber("width", Size);
            w.WriteNumber("height", Size);
            w.WriteStartArray("sizes");
            foreach (var s in Sizes)
            {
                w.WriteStartObject();
                w.WriteNumber("width", s);
                w.WriteNumber("height", s);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("tiles");
            w.WriteStartObject();
            w.WriteNumber("width", TileSize);
            w.WriteStartArray("scaleFactors");
            foreach (var f in ScaleFactors)
            {
                w.WriteNumberValue(f);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteString("rights", "http://creativecommons.org/licenses/by/4.0/");
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// The JPEG for a level-0 request (a published size of the full image, or a tile at a published scale factor
    /// in canonical form), or null for anything a static level-0 server would not have.
    /// </summary>
    public byte[]? Render(int image, string region, string size, string rotation, string qualityFormat)
    {
        if (image is < 0 or >= Count || rotation != "0" || qualityFormat != "default.jpg")
        {
            return null;
        }

        if (!TryPlan(region, size, out var x, out var y, out var w, out var h, out var outW, out var outH))
        {
            return null;
        }

        return _cache.GetOrAdd($"{image}/{region}/{size}", _ =>
        {
            using var full = Grid(image);
            using var cropped = full.Crop(x, y, w, h);
            using var scaled = cropped.Resize((double)outW / w, vscale: (double)outH / h, kernel: Enums.Kernel.Nearest);
            return scaled.JpegsaveBuffer(q: 90);
        });
    }

    private static bool TryPlan(string region, string size, out int x, out int y, out int w, out int h, out int outW, out int outH)
    {
        x = y = 0;
        w = h = Size;
        outW = outH = 0;
        if (region == "full")
        {
            // Published sizes of the full image: "w,h" is canonical in 3.0, "w," accepted as a static server's alias.
            foreach (var s in Sizes)
            {
                if (size == $"{s},{s}" || size == $"{s}," || (s == Size && size == "max"))
                {
                    outW = outH = s;
                    return true;
                }
            }

            return false;
        }

        var parts = region.Split(',');
        if (parts.Length != 4 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out x)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out y)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out w)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out h))
        {
            return false;
        }

        foreach (var factor in ScaleFactors)
        {
            var span = TileSize * factor;
            if (x % span != 0 || y % span != 0 || x >= Size || y >= Size)
            {
                continue;
            }

            var expectW = Math.Min(span, Size - x);
            var expectH = Math.Min(span, Size - y);
            var tileW = (expectW + factor - 1) / factor;
            var tileH = (expectH + factor - 1) / factor;
            if (w == expectW && h == expectH && (size == $"{tileW},{tileH}" || size == $"{tileW},"))
            {
                outW = tileW;
                outH = tileH;
                return true;
            }
        }

        return false;
    }

    private static Image Grid(int image)
    {
        var squares = Size / 100;
        var rows = new Image[squares];
        try
        {
            for (var row = 0; row < squares; row++)
            {
                var cells = new Image[squares];
                for (var col = 0; col < squares; col++)
                {
                    var (r, g, b) = ColourAt(image, col, row);
                    cells[col] = (Image.Black(100, 100, bands: 3) + new double[] { r, g, b }).Cast(Enums.BandFormat.Uchar);
                }

                rows[row] = Image.Arrayjoin(cells, across: squares);
                foreach (var cell in cells)
                {
                    cell.Dispose();
                }
            }

            return Image.Arrayjoin(rows, across: 1).Copy(interpretation: Enums.Interpretation.Srgb);
        }
        finally
        {
            foreach (var row in rows)
            {
                row?.Dispose();
            }
        }
    }
}
