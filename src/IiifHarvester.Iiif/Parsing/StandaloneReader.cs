using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Reads resources that are usually embedded but are also published on their own: canvases, v2 sequences, activities.</summary>
internal static class StandaloneReader
{
    public static CanvasDocument ReadCanvas(JsonElement root, ReadContext context)
    {
        var annotations = new List<AnnotationRecord>();
        var partOf = LinkReader.Links(root, "partOf"u8, "partOf", context);
        if (partOf.Count == 0)
        {
            partOf = LinkReader.Links(root, "within"u8, "within", context);
        }

        context.ManifestId ??= partOf.Count > 0 ? partOf[0].Id : null;
        var canvas = CanvasReader.Read(root, context, annotations) ?? new Canvas { Id = context.DocumentId };
        return new CanvasDocument
        {
            Id = context.DocumentId,
            Version = context.Version,
            Contexts = context.Contexts,
            Canvas = canvas,
            Annotations = annotations,
            PartOf = partOf,
        };
    }

    public static SequenceDocument ReadSequence(JsonElement root, ReadContext context)
    {
        var canvases = new List<Canvas>();
        var annotations = new List<AnnotationRecord>();
        if (Json.TryGet(root, "canvases"u8, out var list))
        {
            var index = 0;
            foreach (var node in Json.Many(list))
            {
                using var scope = context.Enter("canvases", index++);
                if (canvases.Count >= context.Options.MaxCanvases)
                {
                    context.Warn("too-many-canvases", $"more than {context.Options.MaxCanvases} canvases; the rest were dropped");
                    break;
                }

                if (CanvasReader.Read(node, context, annotations) is { } canvas)
                {
                    canvases.Add(canvas);
                }
            }
        }

        return new SequenceDocument
        {
            Id = context.DocumentId,
            Version = context.Version,
            Contexts = context.Contexts,
            Label = LanguageMapReader.Read(root, "label"u8, "label", context),
            Canvases = canvases,
            Annotations = annotations,
            ViewingDirection = Json.String(root, "viewingDirection"u8),
        };
    }

    public static ActivityDocument ReadActivity(JsonElement root, ReadContext context) =>
        new()
        {
            Id = context.DocumentId,
            Contexts = context.Contexts,
            Activity = DiscoveryReader.ReadActivity(root, context)!,
        };
}
