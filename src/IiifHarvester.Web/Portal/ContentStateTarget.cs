using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Web.Portal;

/// <summary>
/// Reads where a content state points (Content State 1.0 §2): an annotation whose <c>target</c> is a canvas
/// (a string, or an object with <c>id</c>, or a SpecificResource with a FragmentSelector or a PointSelector), or the
/// target itself; the place is the canvas, and the region (<c>xywh</c>) and the stretch of time (<c>t</c>) it names.
/// </summary>
internal static class ContentStateTarget
{
    /// <summary>The canvas id, region and time; null when the JSON is not a content state we can follow.</summary>
    public static (string Canvas, Region? Region, TimeRange? Time)? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            var target = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("target", out var t) ? t : root;
            if (target.ValueKind == JsonValueKind.Array && target.GetArrayLength() > 0)
            {
                target = target[0];
            }

            return FromTarget(target);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A media fragment <c>x,y,w,h</c> (optionally <c>pixel:</c>); null when it is not one.</summary>
    public static Region? ParseXywh(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.StartsWith("pixel:", StringComparison.Ordinal) ? value[6..] : value;
        var parts = text.Split(',');
        if (parts.Length != 4)
        {
            return null;
        }

        var numbers = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) || numbers[i] < 0 || !double.IsFinite(numbers[i]))
            {
                return null;
            }
        }

        return new Region(numbers[0], numbers[1], numbers[2], numbers[3]);
    }

    /// <summary>The <c>xywh=</c> and <c>t=</c> of a media fragment such as <c>xywh=1,2,3,4&amp;t=5,6</c>.</summary>
    public static (Region? Region, TimeRange? Time) ParseFragment(string fragment)
    {
        Region? region = null;
        foreach (var part in fragment.Split('&'))
        {
            if (part.StartsWith("xywh=", StringComparison.Ordinal))
            {
                region = ParseXywh(part[5..]);
            }
        }

        return (region, TimeRange.Parse(fragment));
    }

    private static (string Canvas, Region? Region, TimeRange? Time)? FromTarget(JsonElement target)
    {
        string? id = target.ValueKind switch
        {
            JsonValueKind.String => target.GetString(),
            JsonValueKind.Object when target.TryGetProperty("source", out var source) =>
                source.ValueKind == JsonValueKind.String ? source.GetString() : source.TryGetProperty("id", out var sid) ? sid.GetString() : null,
            JsonValueKind.Object when target.TryGetProperty("id", out var tid) => tid.GetString(),
            _ => null,
        };
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty("type", out var type) && type.GetString() == "Manifest")
        {
            return null;
        }

        var hash = id.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var (region, time) = ParseFragment(id[(hash + 1)..]);
            return (id[..hash], region, time);
        }

        if (target.ValueKind == JsonValueKind.Object && target.TryGetProperty("selector", out var selector) && selector.ValueKind == JsonValueKind.Object)
        {
            if (selector.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } fragment)
            {
                var (region, time) = ParseFragment(fragment);
                return (id, region, time);
            }

            // Content State 1.0 §5.3 opens a moment of a recording with a PointSelector's t.
            if (selector.TryGetProperty("t", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetDouble(out var seconds)
                && seconds >= 0 && seconds <= TimeRange.MaxSeconds)
            {
                return (id, null, new TimeRange(seconds, null));
            }
        }

        return (id, null, null);
    }
}
