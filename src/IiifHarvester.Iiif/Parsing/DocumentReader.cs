using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Dispatches a JSON root to the reader for its kind of document.</summary>
internal static class DocumentReader
{
    public static ParseOutcome Read(JsonElement root, IiifParserOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseOutcome.Rejected($"not a IIIF document: the JSON root is {root.ValueKind}, not an object");
        }

        var warnings = new List<string>();
        var type = Json.Type(root);
        var contexts = Json.TryGet(root, out var ctx, "@context")
            ? Json.Many(ctx).Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString()!).ToList()
            : [];
        var version = VersionOf(contexts);
        var id = Json.Id(root) ?? options.DocumentUri;
        var bareType = type is null ? null : type.Contains(':', StringComparison.Ordinal) ? type[(type.IndexOf(':', StringComparison.Ordinal) + 1)..] : type;

        if (bareType is null)
        {
            return ParseOutcome.Rejected("not a IIIF document: no @type or type");
        }

        if (id is null)
        {
            return ParseOutcome.Rejected($"{type} has no id");
        }

        if (Json.Id(root) is null)
        {
            warnings.Add($"$: {type} has no id; the URI it was fetched from stands in");
        }

        var context = new ReadContext(id, version, contexts, options, warnings);
        IiifDocument? document = bareType switch
        {
            "Manifest" => PresentationReader.Read(root, PresentationKind.Manifest, context),
            "Collection" => PresentationReader.Read(root, PresentationKind.Collection, context),
            "AnnotationList" => AnnotationReader.ReadContainer(root, AnnotationContainerKind.AnnotationList, context),
            "AnnotationPage" => AnnotationReader.ReadContainer(root, AnnotationContainerKind.AnnotationPage, context),
            "Layer" => AnnotationReader.ReadContainer(root, AnnotationContainerKind.Layer, context),
            "AnnotationCollection" => AnnotationReader.ReadContainer(root, AnnotationContainerKind.AnnotationCollection, context),
            "Annotation" => AnnotationReader.ReadContainer(root, AnnotationContainerKind.Annotation, context),
            "OrderedCollection" => DiscoveryReader.ReadCollection(root, context),
            "OrderedCollectionPage" => DiscoveryReader.ReadPage(root, context),
            _ => null,
        };

        return document is null
            ? ParseOutcome.Rejected($"not a IIIF document we harvest: type {type}")
            : ParseOutcome.Accepted(document, warnings);
    }

    private static IiifVersion VersionOf(List<string> contexts)
    {
        foreach (var c in contexts)
        {
            if (c.Contains("/presentation/3", StringComparison.Ordinal))
            {
                return IiifVersion.V3;
            }

            if (c.Contains("/presentation/2", StringComparison.Ordinal))
            {
                return IiifVersion.V2;
            }

            if (c.Contains("/presentation/1", StringComparison.Ordinal) || c.Contains("shared-canvas", StringComparison.OrdinalIgnoreCase))
            {
                return IiifVersion.V1;
            }
        }

        return IiifVersion.Unknown;
    }
}
