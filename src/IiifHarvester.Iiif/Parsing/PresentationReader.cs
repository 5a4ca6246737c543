using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Reads manifests and collections of Presentation 2.1 and 3.0 into <see cref="PresentationResource"/>.</summary>
internal static class PresentationReader
{
    public static PresentationResource Read(JsonElement root, PresentationKind kind, ReadContext context)
    {
        var label = Json.TryGet(root, out var l, "label") ? Json.LanguageMap(l) : LanguageMap.Empty;
        var summary = Json.TryGet(root, out var s, "summary", "description") ? Json.LanguageMap(s) : LanguageMap.Empty;
        var metadata = new List<MetadataEntry>();
        if (Json.TryGet(root, out var md, "metadata"))
        {
            foreach (var pair in Json.Many(md))
            {
                if (pair.ValueKind == JsonValueKind.Object)
                {
                    metadata.Add(new MetadataEntry(
                        Json.TryGet(pair, out var pl, "label") ? Json.LanguageMap(pl) : LanguageMap.Empty,
                        Json.TryGet(pair, out var pv, "value") ? Json.LanguageMap(pv) : LanguageMap.Empty));
                }
            }
        }

        var canvases = new List<Canvas>();
        var annotations = new List<AnnotationRecord>();
        if (kind == PresentationKind.Manifest)
        {
            var canvasNodes = context.Version == IiifVersion.V3 || root.TryGetProperty("items", out _)
                ? (Json.TryGet(root, out var items, "items") ? Json.Many(items) : [])
                : (Json.TryGet(root, out var seqs, "sequences") ? Json.Many(seqs).Take(1).SelectMany(seq => Json.TryGet(seq, out var c, "canvases") ? Json.Many(c) : []) : []);
            foreach (var node in canvasNodes)
            {
                if (ReadCanvas(node, context, annotations) is { } canvas)
                {
                    canvases.Add(canvas);
                }
            }
        }

        var members = new List<CollectionMember>();
        if (kind == PresentationKind.Collection)
        {
            foreach (var name in (ReadOnlySpan<string>)["items", "members", "collections", "manifests"])
            {
                if (!Json.TryGet(root, out var list, name))
                {
                    continue;
                }

                foreach (var node in Json.Many(list))
                {
                    var memberId = Json.Id(node);
                    var memberType = Json.Type(node) ?? (name == "manifests" ? "Manifest" : name == "collections" ? "Collection" : null);
                    if (memberId is null || memberType is null)
                    {
                        context.Warnings.Add($"$.{name}: a member without id or type was skipped");
                        continue;
                    }

                    var memberKind = memberType.EndsWith("Collection", StringComparison.Ordinal) ? PresentationKind.Collection
                        : memberType.EndsWith("Manifest", StringComparison.Ordinal) ? PresentationKind.Manifest : (PresentationKind?)null;
                    if (memberKind is null)
                    {
                        context.Warnings.Add($"$.{name}: member {memberId} of type {memberType} is neither manifest nor collection");
                        continue;
                    }

                    members.Add(new CollectionMember
                    {
                        Id = context.Resolve(memberId),
                        Kind = memberKind.Value,
                        Label = Json.TryGet(node, out var ml, "label") ? Json.LanguageMap(ml) : LanguageMap.Empty,
                        NavDate = Json.Date(node, "navDate"),
                    });
                }
            }
        }

        return new PresentationResource
        {
            Id = context.DocumentId,
            Version = context.Version,
            Contexts = context.Contexts,
            Kind = kind,
            Label = label,
            Summary = summary,
            Metadata = metadata,
            NavDate = Json.Date(root, "navDate"),
            ViewingDirection = Json.String(root, "viewingDirection"),
            Canvases = canvases,
            Members = members,
            Annotations = annotations,
            First = Json.TryGet(root, out var first, "first") ? Json.Id(first) : null,
            Next = Json.TryGet(root, out var next, "next") ? Json.Id(next) : null,
            Total = Json.Int(root, "total"),
            Languages = label.Languages.Concat(summary.Languages).Concat(metadata.SelectMany(m => m.Value.Languages))
                .Where(x => x != LanguageMap.None).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private static Canvas? ReadCanvas(JsonElement node, ReadContext context, List<AnnotationRecord> annotations)
    {
        var id = Json.Id(node);
        if (id is null)
        {
            context.Warnings.Add("$.canvases: a canvas without id was skipped");
            return null;
        }

        id = context.Resolve(id);
        var references = new List<LinkedResource>();
        foreach (var name in (ReadOnlySpan<string>)["otherContent", "annotations"])
        {
            if (!Json.TryGet(node, out var list, name))
            {
                continue;
            }

            foreach (var item in Json.Many(list))
            {
                var refId = Json.Id(item);
                var embedded = item.ValueKind == JsonValueKind.Object && (item.TryGetProperty("items", out _) || item.TryGetProperty("resources", out _));
                if (embedded)
                {
                    var container = AnnotationReader.ReadContainer(item, AnnotationContainerKind.AnnotationPage, context with { DocumentId = refId ?? id });
                    annotations.AddRange(container.Annotations);
                }
                else if (refId is not null)
                {
                    references.Add(new LinkedResource { Id = context.Resolve(refId), Type = Json.Type(item) });
                }
            }
        }

        return new Canvas
        {
            Id = id,
            Label = Json.TryGet(node, out var l, "label") ? Json.LanguageMap(l) : LanguageMap.Empty,
            Width = Json.Int(node, "width"),
            Height = Json.Int(node, "height"),
            AnnotationReferences = references,
        };
    }
}
