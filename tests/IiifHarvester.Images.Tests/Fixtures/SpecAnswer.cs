using NetVips;
using Xunit;

namespace IiifHarvester.Images.Tests.Fixtures;

/// <summary>
/// Checks an answer against the Image API's required result on the validator's grid image (1000×1000, 100 px squares):
/// size, media type, and pixel colours found by mapping output pixels back through rotation, mirroring (applied
/// before rotation, 3.0 §4.3), size and region (3.0 §4.1–§4.3; 2.1 §4.1–§4.3).
/// </summary>
public static class SpecAnswer
{
    /// <summary>Asserts the size, then samples pixels well inside the grid's squares.</summary>
    /// <param name="body">The encoded answer.</param>
    /// <param name="region">The region in image pixels after cropping: x, y, w, h.</param>
    /// <param name="width">The expected width.</param>
    /// <param name="height">The expected height.</param>
    /// <param name="rotation">The rotation in degrees (right angles are sampled; others are checked by size only).</param>
    /// <param name="mirror">Whether mirrored.</param>
    /// <param name="quality">The quality: colours for default/color, grey pixels for gray, black or white for bitonal.</param>
    /// <param name="sizeTolerance">Pixels of slack on the size (only arbitrary rotation needs it: the bounding box).</param>
    public static void Check(byte[] body, (int X, int Y, int W, int H) region, int width, int height, double rotation, bool mirror, string quality, int sizeTolerance = 0)
    {
        using var image = Image.NewFromBuffer(body);
        Assert.InRange(image.Width, width - sizeTolerance, width + sizeTolerance);
        Assert.InRange(image.Height, height - sizeTolerance, height + sizeTolerance);
        if (rotation % 90 != 0)
        {
            return;
        }

        var right = (int)rotation / 90 % 4;
        // Before rotation, the scaled (and perhaps mirrored) image is width×height, or height×width for 90/270.
        var (sw, sh) = right % 2 == 0 ? (width, height) : (height, width);
        var scaleX = (double)region.W / sw;
        var scaleY = (double)region.H / sh;
        var margin = 12 + (2 * Math.Max(scaleX, scaleY));
        var checkedPoints = 0;
        for (var j = 0; j < 9; j++)
        {
            for (var i = 0; i < 9; i++)
            {
                var u = (int)((i + 0.5) * width / 9);
                var v = (int)((j + 0.5) * height / 9);
                // Undo the clockwise rotation, then the mirroring, then the scaling.
                var (x, y) = right switch
                {
                    0 => (u, v),
                    1 => (v, sh - 1 - u),
                    2 => (sw - 1 - u, sh - 1 - v),
                    _ => (sw - 1 - v, u),
                };
                if (mirror)
                {
                    x = sw - 1 - x;
                }

                var sx = region.X + ((x + 0.5) * scaleX);
                var sy = region.Y + ((y + 0.5) * scaleY);
                if (Math.Min(sx % 100, 100 - (sx % 100)) < margin || Math.Min(sy % 100, 100 - (sy % 100)) < margin)
                {
                    continue; // Near a square's edge, where resampling blends colours.
                }

                var expected = GridImage.Expected((int)sx, (int)sy);
                var p = image.Getpoint(u, v);
                var actual = p.Length >= 3 ? ((int)p[0], (int)p[1], (int)p[2]) : ((int)p[0], (int)p[0], (int)p[0]);
                switch (quality)
                {
                    case "gray":
                        Assert.True(Math.Abs(actual.Item1 - actual.Item2) <= 6 && Math.Abs(actual.Item2 - actual.Item3) <= 6, $"gray at {u},{v}: {actual}");
                        // Brighter source squares stay brighter: compare with the source's luminance roughly.
                        var luma = (0.2126 * expected.R) + (0.7152 * expected.G) + (0.0722 * expected.B);
                        Assert.True(Math.Abs(actual.Item1 - luma) <= 60, $"gray level at {u},{v}: {actual.Item1} vs luminance {luma:0}");
                        break;
                    case "bitonal":
                        foreach (var c in new[] { actual.Item1, actual.Item2, actual.Item3 })
                        {
                            Assert.True(c <= 40 || c >= 215, $"bitonal at {u},{v}: {actual}");
                        }

                        break;
                    default:
                        Assert.True(GridImage.Close(expected, actual), $"colour at output {u},{v} (source {sx:0},{sy:0}): {actual} vs {expected}");
                        break;
                }

                checkedPoints++;
            }
        }

        Assert.True(checkedPoints > 0, "no pixel could be sampled away from the squares' edges");
    }
}
