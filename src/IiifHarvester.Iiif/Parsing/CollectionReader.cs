using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads the members of a collection: v3 <c>items</c> (Presentation 3.0 §5.1); v2 <c>members</c>, then
/// <c>collections</c> and <c>manifests</c> (2.1 §5.6). Embedded sub-collections are read to a bounded depth.
/// </summary>
internal static class CollectionReader
{
    public static IReadOnlyList<CollectionMember> ReadMembers(JsonElement root, ReadContext context, int depth)
    {
        var members = new List<CollectionMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        ReadList(root, "items"u8, "items", null, context, depth, members, seen);
        ReadList(root, "members"u8, "members", null, context, depth, members, seen);
        ReadList(root, "collections"u8, "collections", PresentationKind.Collection, context, depth, members, seen);
        ReadList(root, "manifests"u8, "manifests", PresentationKind.Manifest, context, depth, members, seen);
        return members;
    }

    private static void ReadList(JsonElement root, ReadOnlySpan<byte> name, string propertyName, PresentationKind? implied, ReadContext context, int depth,
        List<CollectionMember> members, HashSet<string> seen)
    {
        if (!Json.TryGet(root, name, out var list))
        {
            return;
        }

        var index = 0;
        foreach (var node in Json.Many(list))
        {
            using var scope = context.Enter(propertyName, index++);
            if (context.MemberCount >= context.Options.MaxMembers)
            {
                context.Warn("too-many-members", $"more than {context.Options.MaxMembers} members; the rest were dropped");
                return;
            }

            var id = Json.Id(node);
            if (id is null)
            {
                context.Warn("member-without-id", "a member has no id; skipped");
                continue;
            }

            var type = Json.BareType(node);
            PresentationKind? kind = type switch
            {
                "Collection" => PresentationKind.Collection,
                "Manifest" => PresentationKind.Manifest,
                null => implied,
                _ => null,
            };
            if (kind is null)
            {
                context.Warn("member-wrong-type:" + type, $"a member of type {type ?? "(none)"} is neither a manifest nor a collection; skipped");
                continue;
            }

            id = context.Resolve(id);
            if (!seen.Add(id))
            {
                continue;
            }

            context.MemberCount++;
            var nested = kind == PresentationKind.Collection && node.ValueKind == JsonValueKind.Object
                && (node.TryGetProperty("items"u8, out _) || node.TryGetProperty("members"u8, out _)
                    || node.TryGetProperty("manifests"u8, out _) || node.TryGetProperty("collections"u8, out _));
            IReadOnlyList<CollectionMember> children = [];
            if (nested)
            {
                if (depth + 1 >= context.Options.MaxStructureDepth)
                {
                    context.Warn("collections-too-deep", $"embedded collections nest deeper than {context.Options.MaxStructureDepth}; the deeper ones were not read");
                }
                else
                {
                    children = ReadMembers(node, context, depth + 1);
                }
            }

            members.Add(new CollectionMember
            {
                Id = id,
                Kind = kind.Value,
                Label = node.ValueKind == JsonValueKind.Object ? LanguageMapReader.Read(node, "label"u8, "label", context) : LanguageMap.Empty,
                NavDate = Json.Date(node, "navDate"u8),
                Thumbnail = LinkReader.Links(node, "thumbnail"u8, "thumbnail", context),
                Members = children,
            });
        }
    }
}
