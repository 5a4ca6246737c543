using System.Text.Json;
using IiifHarvester.Iiif.Annotations;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads an annotation target (v2 <c>on</c>, v3 <c>target</c>): a URI with a media fragment (<c>#xywh=</c>, <c>#t=</c>), or a
/// SpecificResource (<c>full</c>/<c>source</c> with a <c>selector</c>), or a resource object with <c>partOf</c>
/// / <c>within</c> naming the manifest (Presentation 3.0 §5.7, Web Annotation §4.2). Of a list of targets the first
/// on a canvas counts; further targets on that canvas widen its region and time to hold them.
/// </summary>
internal static class TargetReader
{
    /// <summary>What a target says.</summary>
    public readonly record struct Target(string? CanvasId, Region? Region, string? ManifestId, TimeRange? Time = null);

    public static Target Read(JsonElement target, ReadContext context)
    {
        Target? found = null;
        foreach (var item in Json.Many(target))
        {
            var read = ReadOne(item, context);
            if (read.CanvasId is null)
            {
                continue;
            }

            if (found is not { } first)
            {
                found = read;
            }
            else if (string.Equals(read.CanvasId, first.CanvasId, StringComparison.Ordinal))
            {
                // Mirador 2 writes one SpecificResource per shape drawn, all on one canvas: the box holds every shape.
                // A target without a region or time is the whole canvas or all of its duration.
                found = first with
                {
                    Region = first.Region is { } r && read.Region is { } more ? r.Union(more) : null,
                    Time = first.Time is { } t && read.Time is { } later ? t.Union(later) : null,
                };
            }
        }

        if (found.HasValue)
        {
            return found.Value;
        }

        if (target.ValueKind is not (JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array))
        {
            context.Warn("target-not-resource", $"the target is a {target.ValueKind.ToString().ToLowerInvariant()}, not a URI or resource; the annotation has no canvas");
        }

        return default;
    }

    private static Target ReadOne(JsonElement item, ReadContext context)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            return FromUri(item.GetString(), context, manifestId: null, isCanvas: true);
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        var type = Json.BareType(item);
        var manifestId = PartOfManifest(item, context);
        if (Json.TryGet(item, "source"u8, "full"u8, out var source))
        {
            var sourceId = Json.Id(source);
            var sourceType = Json.BareType(source);
            manifestId ??= PartOfManifest(source, context);
            var target = FromUri(sourceId, context, manifestId, IsCanvasType(sourceType));
            if (target.CanvasId is not null && Json.TryGet(item, "selector"u8, out var selector))
            {
                using var scope = context.Enter("selector");
                target = target with { Region = SelectorReader.Read(selector, context) ?? target.Region, Time = SelectorReader.ReadTime(selector) ?? target.Time };
            }

            return target;
        }

        var byId = FromUri(Json.Id(item), context, manifestId, type is null || type == "SpecificResource" || IsCanvasType(type));
        if (byId.CanvasId is not null && Json.TryGet(item, "selector"u8, out var ownSelector))
        {
            using var scope = context.Enter("selector");
            byId = byId with { Region = SelectorReader.Read(ownSelector, context) ?? byId.Region, Time = SelectorReader.ReadTime(ownSelector) ?? byId.Time };
        }

        return byId;
    }

    private static bool IsCanvasType(string? type) => type is null or "Canvas";

    private static Target FromUri(string? uri, ReadContext context, string? manifestId, bool isCanvas)
    {
        if (uri is null)
        {
            return new Target(null, null, manifestId);
        }

        var hash = uri.IndexOf('#', StringComparison.Ordinal);
        var bare = context.Resolve(hash >= 0 ? uri[..hash] : uri);
        Region? region = hash >= 0 ? Xywh.Parse(uri.AsSpan(hash + 1)) : null;
        TimeRange? time = hash >= 0 ? TimeRange.Parse(uri.AsSpan(hash + 1)) : null;

        // An annotation on the manifest itself (or on a range, another annotation) is not on a canvas.
        if (!isCanvas || string.Equals(bare, context.ManifestId, StringComparison.Ordinal))
        {
            return new Target(null, null, manifestId);
        }

        return new Target(bare, region, manifestId, time);
    }

    private static string? PartOfManifest(JsonElement node, ReadContext context)
    {
        // Digirati's Elucidate names the manifest with the Dublin Core term itself, dcterms:isPartOf.
        if (!Json.TryGet(node, "partOf"u8, "within"u8, out var partOf) && !Json.TryGet(node, "dcterms:isPartOf"u8, out partOf))
        {
            return null;
        }

        foreach (var item in Json.Many(partOf))
        {
            var type = Json.BareType(item);
            if ((type is null or "Manifest") && Json.Id(item) is { } id)
            {
                return context.Resolve(id);
            }
        }

        return null;
    }
}
