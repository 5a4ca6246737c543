using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The region a selector picks on a canvas (Web Annotation §4.2): FragmentSelector <c>xywh=</c>, PointSelector,
/// SvgSelector (its bounding box), ImageApiSelector region, and v2 <c>oa:Choice</c> of selectors (Mirador 2).
/// Time-only selectors give no region.
/// </summary>
internal static class SelectorReader
{
    public static Region? Read(JsonElement selector, ReadContext context, int depth = 0)
    {
        if (depth > 4)
        {
            return null;
        }

        foreach (var item in Json.Many(selector))
        {
            if (ReadOne(item, context, depth) is { } region)
            {
                return region;
            }
        }

        return null;
    }

    /// <summary>
    /// The stretch of time a selector picks on a time-based canvas: a FragmentSelector (or a bare fragment string)
    /// with <c>t=</c> or a PointSelector with <c>t</c>, also where it refines another selector; null when it names none.
    /// </summary>
    public static TimeRange? ReadTime(JsonElement selector, int depth = 0)
    {
        if (depth > 4)
        {
            return null;
        }

        foreach (var item in Json.Many(selector))
        {
            var time = item.ValueKind switch
            {
                JsonValueKind.String => TimeRange.Parse(item.GetString()),
                JsonValueKind.Object when Json.BareType(item) == "FragmentSelector" => TimeRange.Parse(Json.String(item, "value"u8) ?? Json.String(item, "rdf:value"u8)),
                JsonValueKind.Object when Json.BareType(item) == "PointSelector" => PointInTime(item),
                _ => null,
            };
            time ??= item.ValueKind == JsonValueKind.Object && Json.TryGet(item, "refinedBy"u8, out var refined) ? ReadTime(refined, depth + 1) : null;
            if (time is not null)
            {
                return time;
            }
        }

        return null;
    }

    /// <summary>A PointSelector's <c>t</c> (Presentation 3.0 §4): the moment a time-based canvas is targeted from.</summary>
    private static TimeRange? PointInTime(JsonElement point) =>
        point.TryGetProperty("t"u8, out var t) && Json.TryNumber(t, out var at, out _) && at is >= 0 and <= TimeRange.MaxSeconds
            ? new TimeRange(at, null)
            : null;

    private static Region? ReadOne(JsonElement item, ReadContext context, int depth)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return Xywh.Parse(item.GetString());
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        switch (Json.BareType(item))
        {
            case "FragmentSelector":
                return Xywh.Parse(Json.String(item, "value"u8) ?? Json.String(item, "rdf:value"u8));
            case "PointSelector":
                return item.TryGetProperty("x"u8, out var x) && item.TryGetProperty("y"u8, out var y)
                    && Json.TryNumber(x, out var px, out _) && Json.TryNumber(y, out var py, out _)
                    ? new Region(px, py, 0, 0)
                    : null;
            case "SvgSelector":
                var svg = Json.String(item, "value"u8) ?? Json.String(item, "chars"u8);
                var bounds = svg is null ? null : SvgBounds.Of(svg);
                if (svg is not null && bounds is null)
                {
                    context.Warn("svg-selector-unread", "an SvgSelector has no shape we can bound; the annotation has no region");
                }

                return bounds;
            case "ImageApiSelector":
                return Json.String(item, "region"u8) is { } r ? Xywh.ParseList(r) : null;
            case "Choice":
                return (Json.TryGet(item, "default"u8, out var preferred) ? Read(preferred, context, depth + 1) : null)
                    ?? (Json.TryGet(item, "item"u8, "items"u8, out var alternatives) ? Read(alternatives, context, depth + 1) : null);
            default:
                return Json.String(item, "value"u8) is { } value ? Xywh.Parse(value) : null;
        }
    }
}
