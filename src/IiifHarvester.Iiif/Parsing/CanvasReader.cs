using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Ocr;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads a canvas (Presentation 2.1 §5.2, 3.0 §5.3): size, the images painted on it (v2 <c>images</c>, v3
/// painting annotations in <c>items</c>), its embedded textual annotations, the annotation lists or pages it
/// references, and the OCR files it links to.
/// </summary>
internal static class CanvasReader
{
    public static Canvas? Read(JsonElement node, ReadContext context, List<AnnotationRecord> annotations)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            context.Warn("canvas-not-object", $"a canvas is a {node.ValueKind.ToString().ToLowerInvariant()}, not an object; skipped");
            return null;
        }

        var type = Json.BareType(node);
        if (type is not null and not "Canvas")
        {
            context.Warn("canvas-wrong-type", $"a canvas has type {type}; read as a canvas");
        }

        var rawId = Json.Id(node);
        if (rawId is null)
        {
            context.Warn("canvas-without-id", "a canvas has no id; skipped (annotations cannot target it)");
            return null;
        }

        var id = context.Resolve(rawId);
        if (!node.TryGetProperty("label"u8, out _) && context.Version == IiifVersion.V2)
        {
            context.Warn("canvas-without-label", "a canvas has no label (Presentation 2.1 §3.1 requires one)");
        }

        var images = new List<ImageReference>(1);
        if (Json.TryGet(node, "images"u8, out var v2Images))
        {
            ReadV2Images(v2Images, id, context, images);
        }

        // v3 painting pages in items; a v3-labelled document using v2's content (old drafts) is read the same way.
        var references = new List<LinkedResource>();
        var ocr = new List<OcrReference>();
        if (Json.TryGet(node, "items"u8, "content"u8, out var pages))
        {
            ReadPages(pages, node.TryGetProperty("items"u8, out _) ? "items" : "content", id, context, images, annotations, references, ocr, painting: true);
        }

        if (Json.TryGet(node, "annotations"u8, out var annotationPages))
        {
            ReadPages(annotationPages, "annotations", id, context, images, annotations, references, ocr, painting: false);
        }

        if (Json.TryGet(node, "otherContent"u8, out var otherContent))
        {
            ReadPages(otherContent, "otherContent", id, context, images, annotations, references, ocr, painting: false);
        }

        var seeAlso = LinkReader.Links(node, "seeAlso"u8, "seeAlso", context);
        var rendering = LinkReader.Links(node, "rendering"u8, "rendering", context);
        AddOcr(seeAlso, id, ocr);
        AddOcr(rendering, id, ocr);

        return new Canvas
        {
            Id = id,
            Label = LanguageMapReader.Read(node, "label"u8, "label", context),
            Width = Json.Int(node, "width"u8, context),
            Height = Json.Int(node, "height"u8, context),
            Duration = Json.TryGet(node, "duration"u8, out var d) && Json.TryNumber(d, out var seconds, out _) && seconds >= 0 ? seconds : null,
            Images = images,
            AnnotationReferences = references,
            OcrReferences = ocr,
            SeeAlso = seeAlso,
            Rendering = rendering,
            Thumbnail = LinkReader.Links(node, "thumbnail"u8, "thumbnail", context),
        };
    }

    /// <summary>Adds an <see cref="OcrReference"/> for each link that <see cref="OcrFormatSniffer"/> recognises.</summary>
    public static void AddOcr(IReadOnlyList<LinkedResource> links, string canvasId, List<OcrReference> into)
    {
        foreach (var link in links)
        {
            if (OcrFormatSniffer.Classify(link) is { } format && !into.Exists(o => o.Uri == link.Id))
            {
                into.Add(new OcrReference(link.Id, format, canvasId));
            }
        }
    }

    private static void ReadV2Images(JsonElement v2Images, string canvasId, ReadContext context, List<ImageReference> images)
    {
        if (v2Images.ValueKind == JsonValueKind.Object)
        {
            context.Warn("images-not-array", "images is a single object, not an array (Presentation 2.1 §5.2)");
        }

        var index = 0;
        foreach (var annotation in Json.Many(v2Images))
        {
            using var scope = context.Enter("images", index++);
            if (annotation.ValueKind != JsonValueKind.Object)
            {
                context.Warn("image-annotation-not-object", "an images entry is not an annotation object; skipped");
                continue;
            }

            var type = Json.Type(annotation);
            if (type is not null && Json.Bare(type) != "Annotation")
            {
                context.Warn("image-annotation-type", $"an images entry has type {type}, not oa:Annotation; read as one");
            }

            if (AnnotationReader.Motivation(annotation, context) is not ("painting" or ""))
            {
                context.Warn("image-annotation-motivation", "an images entry is not a painting annotation");
            }

            if (Json.TryGet(annotation, "on"u8, out var on) && on.ValueKind is not (JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array))
            {
                context.Warn("target-not-resource", $"on is a {on.ValueKind.ToString().ToLowerInvariant()}, not a canvas URI; the image is painted on its canvas regardless");
            }

            if (Json.TryGet(annotation, "resource"u8, out var resource))
            {
                ReadImageBody(resource, context, images, depth: 0);
            }
            else
            {
                context.Warn("image-annotation-without-resource", "an images annotation has no resource");
            }
        }

        _ = canvasId;
    }

    private static void ReadPages(JsonElement pages, string propertyName, string canvasId, ReadContext context, List<ImageReference> images,
        List<AnnotationRecord> annotations, List<LinkedResource> references, List<OcrReference> ocr, bool painting)
    {
        var index = 0;
        foreach (var page in Json.Many(pages))
        {
            using var scope = context.Enter(propertyName, index++);
            if (!AnnotationReader.IsEmbeddedContainer(page))
            {
                if (LinkReader.Link(page, propertyName, context) is { } link)
                {
                    references.Add(link);
                }

                continue;
            }

            if (painting)
            {
                ReadPaintingPage(page, canvasId, context, images, annotations, ocr);
                if (Json.TryGet(page, "annotations"u8, out var misplaced))
                {
                    // Seen in the wild: annotations inside the painting page rather than on the canvas (3.0 §3.4).
                    context.Warn("annotations-in-page", "annotations placed inside an AnnotationPage of items, not on the canvas; read anyway");
                    ReadPages(misplaced, "annotations", canvasId, context, images, annotations, references, ocr, painting: false);
                }
            }
            else
            {
                ReadOcrBodies(page, canvasId, ocr);
                AnnotationReader.ReadItems(page, context, annotations, canvasId);
            }
        }
    }

    private static void ReadPaintingPage(JsonElement page, string canvasId, ReadContext context, List<ImageReference> images,
        List<AnnotationRecord> annotations, List<OcrReference> ocr)
    {
        if (!Json.TryGet(page, "items"u8, "resources"u8, out var items))
        {
            return;
        }

        var index = 0;
        foreach (var annotation in Json.Many(items))
        {
            using var scope = context.Enter("items", index++);
            if (!Json.TryGet(annotation, "body"u8, "resource"u8, out var body))
            {
                continue;
            }

            var motivation = AnnotationReader.Motivation(annotation, context);
            var before = images.Count;
            ReadImageBody(body, context, images, depth: 0, warnNonImage: false);
            if (images.Count == before && context.AnnotationCount < context.Options.MaxAnnotations
                && AnnotationReader.ReadAnnotation(annotation, context, canvasId) is { } record)
            {
                // Text painted on (or supplementing) a canvas is content to index.
                annotations.Add(record);
                context.AnnotationCount++;
            }

            if (motivation != "painting")
            {
                CanvasReader.AddOcrBody(body, canvasId, ocr);
            }
        }
    }

    private static void ReadOcrBodies(JsonElement page, string canvasId, List<OcrReference> ocr)
    {
        if (!Json.TryGet(page, "items"u8, "resources"u8, out var items))
        {
            return;
        }

        foreach (var annotation in Json.Many(items))
        {
            if (Json.TryGet(annotation, "body"u8, "resource"u8, out var body))
            {
                AddOcrBody(body, canvasId, ocr);
            }
        }
    }

    private static void AddOcrBody(JsonElement body, string canvasId, List<OcrReference> ocr)
    {
        foreach (var item in Json.Many(body))
        {
            if (item.ValueKind == JsonValueKind.Object && Json.Id(item) is { } id && !item.TryGetProperty("value"u8, out _))
            {
                var link = new LinkedResource { Id = id, Format = Json.FirstString(item, "format"u8), Profile = Json.FirstString(item, "profile"u8) };
                if (OcrFormatSniffer.Classify(link) is { } format && !ocr.Exists(o => o.Uri == id))
                {
                    ocr.Add(new OcrReference(id, format, canvasId));
                }
            }
        }
    }

    private static void ReadImageBody(JsonElement body, ReadContext context, List<ImageReference> images, int depth, bool warnNonImage = true)
    {
        if (depth > 3)
        {
            return;
        }

        foreach (var item in Json.Many(body))
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                if (item.ValueKind == JsonValueKind.String && Json.NonEmpty(item.GetString()) is { } uri)
                {
                    images.Add(new ImageReference { ResourceId = context.Resolve(uri) });
                }

                continue;
            }

            var type = LinkReader.NormalizeType(Json.Type(item));
            if (type == "Choice")
            {
                if (Json.TryGet(item, "default"u8, out var preferred))
                {
                    ReadImageBody(preferred, context, images, depth + 1, warnNonImage);
                }

                if (Json.TryGet(item, "items"u8, "item"u8, out var alternatives))
                {
                    ReadImageBody(alternatives, context, images, depth + 1, warnNonImage);
                }

                continue;
            }

            if (type == "SpecificResource" && Json.TryGet(item, "source"u8, "full"u8, out var source))
            {
                ReadImageBody(source, context, images, depth + 1, warnNonImage);
                continue;
            }

            if (type is not null and not "Image")
            {
                if (warnNonImage)
                {
                    context.Warn("image-resource-type", $"an images annotation paints a {Json.Type(item)}, not an image");
                }

                if (type is "Sound" or "Video" or "Audio" or "TextualBody" or "Text" || item.TryGetProperty("value"u8, out _) || item.TryGetProperty("chars"u8, out _))
                {
                    continue;
                }
            }
            else if (type is null && (item.TryGetProperty("value"u8, out _) || item.TryGetProperty("chars"u8, out _)))
            {
                continue;
            }

            var services = LinkReader.Services(item, context);
            ServiceReference? imageService = null;
            foreach (var service in services)
            {
                if (service.Kind == ServiceKind.Image)
                {
                    imageService = service;
                    break;
                }
            }

            var id = Json.Id(item);
            images.Add(new ImageReference
            {
                ResourceId = id is null ? null : context.Resolve(id),
                Format = Json.FirstString(item, "format"u8),
                Width = Json.Int(item, "width"u8, context),
                Height = Json.Int(item, "height"u8, context),
                Service = imageService ?? (services.Count > 0 ? services[0] : null),
            });
        }
    }
}
