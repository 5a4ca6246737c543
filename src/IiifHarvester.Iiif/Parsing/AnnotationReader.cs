using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Reads annotation lists, layers, pages and collections, and the textual annotations in them.</summary>
internal static class AnnotationReader
{
    public static AnnotationContainer ReadContainer(JsonElement root, AnnotationContainerKind kind, ReadContext context)
    {
        var records = new List<AnnotationRecord>();
        if (kind == AnnotationContainerKind.Annotation)
        {
            if (ReadAnnotation(root, context) is { } single)
            {
                records.Add(single);
            }
        }
        else if (Json.TryGet(root, out var list, "resources", "items"))
        {
            foreach (var node in Json.Many(list))
            {
                if (records.Count >= context.Options.MaxAnnotations)
                {
                    context.Warnings.Add($"$.items: more than {context.Options.MaxAnnotations} annotations; the rest were dropped");
                    break;
                }

                if (ReadAnnotation(node, context) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        return new AnnotationContainer
        {
            Id = context.DocumentId,
            Version = context.Version,
            Contexts = context.Contexts,
            Kind = kind,
            Label = Json.TryGet(root, out var l, "label") ? Json.LanguageMap(l) : LanguageMap.Empty,
            Annotations = records,
            First = Json.TryGet(root, out var first, "first") ? Json.Id(first) : null,
            Last = Json.TryGet(root, out var last, "last") ? Json.Id(last) : null,
            Next = Json.TryGet(root, out var next, "next") ? Json.Id(next) : null,
            Prev = Json.TryGet(root, out var prev, "prev") ? Json.Id(prev) : null,
            Total = Json.Int(root, "total"),
        };
    }

    private static AnnotationRecord? ReadAnnotation(JsonElement node, ReadContext context)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var motivation = Json.TryGet(node, out var m, "motivation")
            ? Json.Many(m).Where(x => x.ValueKind == JsonValueKind.String).Select(x => Bare(x.GetString()!)).FirstOrDefault() ?? string.Empty
            : string.Empty;
        if (!Json.TryGet(node, out var body, "resource", "body"))
        {
            return null;
        }

        string? text = null, language = null, format = null;
        foreach (var b in Json.Many(body))
        {
            var value = Json.String(b, "chars") ?? Json.String(b, "value") ?? (b.ValueKind == JsonValueKind.String ? null : null);
            if (value is null)
            {
                continue;
            }

            format = Json.String(b, "format");
            language = Json.String(b, "language");
            text = format is not null && format.Contains("html", StringComparison.OrdinalIgnoreCase) || value.Contains('<', StringComparison.Ordinal)
                ? HtmlText.ToPlainText(value)
                : value;
            break;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        string? canvasId = null;
        Region? region = null;
        if (Json.TryGet(node, out var target, "on", "target"))
        {
            var first = Json.Many(target).FirstOrDefault();
            var targetId = first.ValueKind == JsonValueKind.String ? first.GetString()
                : Json.Id(first) ?? (Json.TryGet(first, out var full, "full", "source") ? Json.Id(full) : null);
            if (targetId is not null)
            {
                var hash = targetId.IndexOf('#', StringComparison.Ordinal);
                canvasId = context.Resolve(hash >= 0 ? targetId[..hash] : targetId);
                region = hash >= 0 ? ParseXywh(targetId[(hash + 1)..]) : null;
            }

            if (region is null && Json.TryGet(first, out var selector, "selector") && Json.String(selector, "value") is { } sv)
            {
                region = ParseXywh(sv);
            }
        }

        var id = Json.Id(node);
        return new AnnotationRecord
        {
            Id = id is null ? null : context.Resolve(id),
            Text = text,
            Language = language,
            Format = format,
            Motivation = motivation,
            CanvasId = canvasId,
            Region = region,
        };
    }

    private static string Bare(string motivation)
    {
        var colon = motivation.LastIndexOf(':');
        return (colon >= 0 ? motivation[(colon + 1)..] : motivation).ToLowerInvariant();
    }

    /// <summary>Parses <c>xywh=x,y,w,h</c> (pixel units; <c>pixel:</c> prefix allowed).</summary>
    internal static Region? ParseXywh(string fragment)
    {
        var at = fragment.IndexOf("xywh=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var value = fragment[(at + 5)..];
        if (value.StartsWith("pixel:", StringComparison.Ordinal))
        {
            value = value[6..];
        }

        var end = value.IndexOf('&', StringComparison.Ordinal);
        var parts = (end >= 0 ? value[..end] : value).Split(',');
        if (parts.Length != 4)
        {
            return null;
        }

        var numbers = new double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return new Region(numbers[0], numbers[1], numbers[2], numbers[3]);
    }
}
