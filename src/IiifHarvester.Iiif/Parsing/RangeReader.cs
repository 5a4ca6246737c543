using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads <c>structures</c> into a tree of ranges: v3 nests ranges in <c>items</c> (Presentation 3.0 §5.5); v2
/// lists them flat and links them by <c>ranges</c>, <c>members</c> and <c>within</c>, with top ranges marked
/// <c>viewingHint: top</c> or unreferenced (Presentation 2.1 §5.5). Depth is bounded and cycles are cut.
/// </summary>
internal static class RangeReader
{
    public static IReadOnlyList<IiifRange> Read(JsonElement root, ReadContext context)
    {
        if (!Json.TryGet(root, "structures"u8, out var structures))
        {
            return [];
        }

        using var scope = context.Enter("structures");
        var nodes = new List<JsonElement>();
        foreach (var node in Json.Many(structures))
        {
            if (node.ValueKind == JsonValueKind.Object && Json.Id(node) is not null)
            {
                nodes.Add(node);
            }
            else
            {
                context.Warn("range-without-id", "a range has no id or is not an object; skipped");
            }
        }

        return IsFlat(nodes) ? ReadFlat(nodes, context) : ReadNested(nodes, context, 0);
    }

    private static bool IsFlat(List<JsonElement> nodes)
    {
        foreach (var node in nodes)
        {
            if (node.TryGetProperty("canvases"u8, out _) || node.TryGetProperty("ranges"u8, out _)
                || node.TryGetProperty("members"u8, out _) || node.TryGetProperty("within"u8, out _))
            {
                return true;
            }
        }

        return false;
    }

    private static List<IiifRange> ReadNested(IEnumerable<JsonElement> nodes, ReadContext context, int depth)
    {
        var ranges = new List<IiifRange>();
        foreach (var node in nodes)
        {
            if (depth >= context.Options.MaxStructureDepth)
            {
                context.Warn("ranges-too-deep", $"ranges nest deeper than {context.Options.MaxStructureDepth}; the deeper ones were dropped");
                break;
            }

            var canvases = new List<string>();
            var children = new List<JsonElement>();
            if (Json.TryGet(node, "items"u8, out var items))
            {
                foreach (var item in Json.Many(items))
                {
                    var type = Json.BareType(item);
                    if (type == "Range" && Json.Id(item) is not null)
                    {
                        children.Add(item);
                    }
                    else if (type == "SpecificResource" && Json.TryGet(item, "source"u8, out var source) && Json.Id(source) is { } sourceId)
                    {
                        canvases.Add(CanvasId(sourceId, context));
                    }
                    else if (Json.Id(item) is { } canvasId)
                    {
                        canvases.Add(CanvasId(canvasId, context));
                    }
                }
            }

            ranges.Add(new IiifRange
            {
                Id = context.Resolve(Json.Id(node)!),
                Label = LanguageMapReader.Read(node, "label"u8, "range.label", context),
                CanvasIds = canvases,
                Ranges = children.Count == 0 ? [] : ReadNested(children, context, depth + 1),
            });
        }

        return ranges;
    }

    private static List<IiifRange> ReadFlat(List<JsonElement> nodes, ReadContext context)
    {
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var childIds = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var tops = new List<string>();
        foreach (var node in nodes)
        {
            var id = context.Resolve(Json.Id(node)!);
            if (!byId.TryAdd(id, node))
            {
                continue;
            }

            if (Json.TryGet(node, "viewingHint"u8, out var hint) && Json.Many(hint).GetEnumerator() is var e && e.MoveNext()
                && e.Current.ValueKind == JsonValueKind.String && e.Current.GetString() == "top")
            {
                tops.Add(id);
            }
        }

        foreach (var (id, node) in byId)
        {
            var children = Children(id, childIds);
            foreach (var name in (ReadOnlySpan<string>)["ranges", "members"])
            {
                if (!Json.TryGet(node, name == "ranges" ? "ranges"u8 : "members"u8, out var list))
                {
                    continue;
                }

                foreach (var item in Json.Many(list))
                {
                    var type = Json.BareType(item);
                    if ((name == "ranges" || type == "Range") && Json.Id(item) is { } childId)
                    {
                        childId = context.Resolve(childId);
                        if (!children.Contains(childId))
                        {
                            children.Add(childId);
                            referenced.Add(childId);
                        }
                    }
                }
            }

            foreach (var parent in Within(node, context))
            {
                if (byId.ContainsKey(parent) && !Children(parent, childIds).Contains(id))
                {
                    Children(parent, childIds).Add(id);
                    referenced.Add(id);
                }
            }
        }

        if (tops.Count == 0)
        {
            foreach (var id in byId.Keys)
            {
                if (!referenced.Contains(id))
                {
                    tops.Add(id);
                }
            }
        }

        var result = new List<IiifRange>();
        var onPath = new HashSet<string>(StringComparer.Ordinal);
        foreach (var top in tops)
        {
            if (Build(top, byId, childIds, onPath, context, 0) is { } range)
            {
                result.Add(range);
            }
        }

        return result;
    }

    private static IiifRange? Build(string id, Dictionary<string, JsonElement> byId, Dictionary<string, List<string>> childIds,
        HashSet<string> onPath, ReadContext context, int depth)
    {
        if (!byId.TryGetValue(id, out var node))
        {
            return null;
        }

        if (depth >= context.Options.MaxStructureDepth || !onPath.Add(id))
        {
            context.Warn("ranges-cycle", "ranges nest too deeply or contain themselves; the loop was cut");
            return null;
        }

        var canvases = new List<string>();
        if (Json.TryGet(node, "canvases"u8, out var list))
        {
            foreach (var item in Json.Many(list))
            {
                if (Json.Id(item) is { } canvasId)
                {
                    canvases.Add(CanvasId(canvasId, context));
                }
            }
        }

        if (Json.TryGet(node, "members"u8, out var members))
        {
            foreach (var item in Json.Many(members))
            {
                if (Json.BareType(item) == "Canvas" && Json.Id(item) is { } canvasId)
                {
                    canvases.Add(CanvasId(canvasId, context));
                }
            }
        }

        var ranges = new List<IiifRange>();
        if (childIds.TryGetValue(id, out var children))
        {
            foreach (var child in children)
            {
                if (Build(child, byId, childIds, onPath, context, depth + 1) is { } range)
                {
                    ranges.Add(range);
                }
            }
        }

        onPath.Remove(id);
        return new IiifRange
        {
            Id = id,
            Label = LanguageMapReader.Read(node, "label"u8, "range.label", context),
            CanvasIds = canvases,
            Ranges = ranges,
        };
    }

    private static List<string> Children(string id, Dictionary<string, List<string>> childIds)
    {
        if (!childIds.TryGetValue(id, out var list))
        {
            childIds[id] = list = [];
        }

        return list;
    }

    private static IEnumerable<string> Within(JsonElement node, ReadContext context)
    {
        if (!Json.TryGet(node, "within"u8, out var within))
        {
            yield break;
        }

        foreach (var item in Json.Many(within))
        {
            if (Json.Id(item) is { } id)
            {
                yield return context.Resolve(id);
            }
        }
    }

    private static string CanvasId(string id, ReadContext context)
    {
        var hash = id.IndexOf('#', StringComparison.Ordinal);
        return context.Resolve(hash >= 0 ? id[..hash] : id);
    }
}
