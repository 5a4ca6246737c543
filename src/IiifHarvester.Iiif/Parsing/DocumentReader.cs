using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Discovery;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>Dispatches a JSON root to the reader for its kind of document, after checking what makes it usable.</summary>
internal static class DocumentReader
{
    public static ParseOutcome Read(JsonElement root, IiifParserOptions options)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ParseOutcome.Rejected($"not a IIIF document: the JSON root is {Describe(root.ValueKind)}, not an object");
        }

        var contexts = Contexts(root);
        var rawType = Json.Type(root);
        var type = Json.Bare(rawType);
        var inferredType = false;
        if (type is null && root.TryGetProperty("orderedItems"u8, out _))
        {
            // A Discovery page published without its type (seen in the specification's own examples).
            type = "OrderedCollectionPage";
            inferredType = true;
        }

        if (type is null)
        {
            return ParseOutcome.Rejected(root.EnumerateObject().Any()
                ? "not a IIIF document: no @type or type"
                : "not a IIIF document: an empty JSON object");
        }

        var kind = Classify(type);
        if (kind is null)
        {
            return ParseOutcome.Rejected($"not a IIIF document we harvest: type {rawType}");
        }

        // A manifest, collection or canvas is known by its id: annotations target it, search services and our
        // keys derive from it. The fetch URI is not a safe stand-in (it may be a redirect, a proxy, a cache key).
        var ownId = Json.Id(root);
        var idRequired = kind is DocumentKind.Manifest or DocumentKind.Collection or DocumentKind.Canvas;
        if (ownId is null && (idRequired || (options.DocumentUri is null && kind != DocumentKind.Annotation)))
        {
            return ParseOutcome.Rejected($"{rawType ?? type} has no id (@id/id)");
        }

        // A lone annotation without id (Mirador 2 era stores) is known by the id minted from its content and target.
        var id = ownId ?? (kind == DocumentKind.Annotation ? MintedAnnotationId.Of(root) : options.DocumentUri!);
        if (options.DocumentUri is not null && !Uri.TryCreate(id, UriKind.Absolute, out _)
            && Uri.TryCreate(options.DocumentUri, UriKind.Absolute, out var baseUri) && Uri.TryCreate(baseUri, id, out var resolved))
        {
            id = resolved.ToString();
        }

        var version = VersionOf(contexts, root, rawType);
        var context = new ReadContext(id, version, contexts, options) { ManifestId = options.ManifestUri };
        if (ownId is null)
        {
            context.Warn("no-id", $"{type} has no id; the URI it was fetched from stands in");
        }

        if (inferredType)
        {
            context.Warn("no-type", "no type; read as an OrderedCollectionPage because it has orderedItems");
        }

        if (contexts.Count == 0 && kind is DocumentKind.Manifest or DocumentKind.Collection)
        {
            context.Warn("no-context", $"no @context; read as Presentation {(int)version}");
        }
        else if (kind is DocumentKind.Manifest or DocumentKind.Collection && !HasPresentationContext(contexts))
        {
            context.Warn("unexpected-context", $"@context names no Presentation API version; read as Presentation {(int)version}");
        }
        else if (LaterPresentationContext(contexts) is { } later)
        {
            context.Warn("later-presentation-version", $"@context names a Presentation API version this reader does not know ({later}); read as Presentation {(int)version}");
        }

        IiifDocument document = kind switch
        {
            DocumentKind.Manifest => PresentationReader.Read(root, PresentationKind.Manifest, context),
            DocumentKind.Collection => PresentationReader.Read(root, PresentationKind.Collection, context),
            DocumentKind.Canvas => StandaloneReader.ReadCanvas(root, context),
            DocumentKind.Sequence => StandaloneReader.ReadSequence(root, context),
            DocumentKind.AnnotationList => AnnotationReader.ReadContainer(root, AnnotationContainerKind.AnnotationList, context),
            DocumentKind.AnnotationPage => AnnotationReader.ReadContainer(root, AnnotationContainerKind.AnnotationPage, context),
            DocumentKind.Layer => AnnotationReader.ReadContainer(root, AnnotationContainerKind.Layer, context),
            DocumentKind.AnnotationCollection => AnnotationReader.ReadContainer(root, AnnotationContainerKind.AnnotationCollection, context),
            DocumentKind.Annotation => AnnotationReader.ReadContainer(root, AnnotationContainerKind.Annotation, context),
            DocumentKind.OrderedCollection => DiscoveryReader.ReadCollectionOrItsOnePage(root, context),
            DocumentKind.OrderedCollectionPage => DiscoveryReader.ReadPage(root, context),
            DocumentKind.TermList => TermListReader.Read(root, context),
            _ => StandaloneReader.ReadActivity(root, context),
        };

        if (document is ActivityDocument { Activity: null })
        {
            return ParseOutcome.Rejected($"a {rawType} activity without an object id is unusable", context.RenderWarnings());
        }

        return ParseOutcome.Accepted(document, context.RenderWarnings());
    }

    private static DocumentKind? Classify(string type) => type switch
    {
        "Manifest" => DocumentKind.Manifest,
        "Collection" => DocumentKind.Collection,
        "Canvas" => DocumentKind.Canvas,
        "Sequence" => DocumentKind.Sequence,
        "AnnotationList" => DocumentKind.AnnotationList,
        "AnnotationPage" => DocumentKind.AnnotationPage,
        "Layer" => DocumentKind.Layer,
        "AnnotationCollection" => DocumentKind.AnnotationCollection,
        "Annotation" => DocumentKind.Annotation,
        "OrderedCollection" => DocumentKind.OrderedCollection,
        "OrderedCollectionPage" => DocumentKind.OrderedCollectionPage,
        "TermList" or "TermPage" => DocumentKind.TermList,
        _ when DiscoveryReader.IsActivityType(type) => DocumentKind.Activity,
        _ => null,
    };

    private static List<string> Contexts(JsonElement root)
    {
        var contexts = new List<string>(2);
        if (Json.TryGet(root, "@context"u8, out var ctx))
        {
            foreach (var c in Json.Many(ctx))
            {
                if (c.ValueKind == JsonValueKind.String && Json.NonEmpty(c.GetString()) is { } s)
                {
                    contexts.Add(s);
                }
            }
        }

        return contexts;
    }

    /// <summary>A context naming a Presentation version after 3 (<c>…/presentation/4/context.json</c>), when no known version is named too.</summary>
    private static string? LaterPresentationContext(List<string> contexts)
    {
        string? later = null;
        foreach (var c in contexts)
        {
            var at = c.IndexOf("/presentation/", StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var digit = at + "/presentation/".Length < c.Length ? c[at + "/presentation/".Length] : '\0';
            if (digit is '1' or '2' or '3')
            {
                return null;
            }

            later ??= char.IsAsciiDigit(digit) ? c : null;
        }

        return later;
    }

    private static bool HasPresentationContext(List<string> contexts) =>
        contexts.Exists(c => c.Contains("/presentation/", StringComparison.Ordinal) || c.Contains("shared-canvas", StringComparison.OrdinalIgnoreCase));

    private static IiifVersion VersionOf(List<string> contexts, JsonElement root, string? rawType)
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

        // No Presentation context: v2 documents are JSON-LD compacted with prefixes and @id; v3 ones are not.
        if (rawType is not null && (rawType.StartsWith("sc:", StringComparison.Ordinal) || rawType.StartsWith("oa:", StringComparison.Ordinal)))
        {
            return IiifVersion.V2;
        }

        if (root.TryGetProperty("@id"u8, out _) || root.TryGetProperty("sequences"u8, out _) || root.TryGetProperty("resources"u8, out _))
        {
            return IiifVersion.V2;
        }

        return root.TryGetProperty("id"u8, out _) && rawType is "Manifest" or "Collection" or "Canvas" or "AnnotationPage" or "Annotation" or "AnnotationCollection"
            ? IiifVersion.V3
            : IiifVersion.Unknown;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private enum DocumentKind
    {
        Manifest,
        Collection,
        Canvas,
        Sequence,
        AnnotationList,
        AnnotationPage,
        Layer,
        AnnotationCollection,
        Annotation,
        OrderedCollection,
        OrderedCollectionPage,
        TermList,
        Activity,
    }
}
