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

        var f = CanvasFields.Of(node);
        var type = Json.Bare(Json.TypeOf(f.Type));
        if (type is not null and not "Canvas")
        {
            context.Warn("canvas-wrong-type", $"a canvas has type {type}; read as a canvas");
        }

        var rawId = Json.StringOf(f.Id);
        if (rawId is null)
        {
            context.Warn("canvas-without-id", "a canvas has no id; skipped (annotations cannot target it)");
            return null;
        }

        var id = context.Resolve(rawId);
        if (f.Label.ValueKind == JsonValueKind.Undefined && context.Version == IiifVersion.V2)
        {
            context.Warn("canvas-without-label", "a canvas has no label (Presentation 2.1 §3.1 requires one)");
        }

        // Collected in the context's scratch list and copied out at the size found (nearly always one image).
        var images = context.ImageScratch;
        images.Clear();
        if (f.Images.ValueKind != JsonValueKind.Undefined)
        {
            ReadV2Images(f.Images, context, images);
        }

        // v3 painting pages in items; a v3-labelled document using v2's content (old drafts) is read the same way.
        List<LinkedResource>? references = null;
        List<OcrReference>? ocr = null;
        if (f.Items.ValueKind != JsonValueKind.Undefined)
        {
            ReadPages(f.Items, "items", id, context, images, annotations, ref references, ref ocr, painting: true);
        }
        else if (f.Content.ValueKind != JsonValueKind.Undefined)
        {
            ReadPages(f.Content, "content", id, context, images, annotations, ref references, ref ocr, painting: true);
        }

        if (f.Annotations.ValueKind != JsonValueKind.Undefined)
        {
            ReadPages(f.Annotations, "annotations", id, context, images, annotations, ref references, ref ocr, painting: false);
        }

        if (f.OtherContent.ValueKind != JsonValueKind.Undefined)
        {
            ReadPages(f.OtherContent, "otherContent", id, context, images, annotations, ref references, ref ocr, painting: false);
        }

        var seeAlso = LinkReader.LinksOf(f.SeeAlso, "seeAlso", context);
        var rendering = LinkReader.LinksOf(f.Rendering, "rendering", context);
        AddOcr(seeAlso, id, ref ocr);
        AddOcr(rendering, id, ref ocr);

        return new Canvas
        {
            Id = id,
            Label = f.Label.ValueKind == JsonValueKind.Undefined ? LanguageMap.Empty : LanguageMapReader.Read(f.Label, "label", context),
            Width = Json.IntOf(f.Width, "width"u8, context),
            Height = Json.IntOf(f.Height, "height"u8, context),
            Duration = Json.TryNumber(f.Duration, out var seconds, out _) && seconds >= 0 ? seconds : null,
            Images = images.Count switch { 0 => [], 1 => [images[0]], _ => [.. images] },
            AnnotationReferences = references is null ? [] : references,
            OcrReferences = ocr is null || ocr.Count == 0 ? [] : ocr,
            SeeAlso = seeAlso,
            Rendering = rendering,
            Thumbnail = LinkReader.LinksOf(f.Thumbnail, "thumbnail", context),
        };
    }

    /// <summary>Adds an <see cref="OcrReference"/> for each link that <see cref="OcrFormatSniffer"/> recognises.</summary>
    public static void AddOcr(IReadOnlyList<LinkedResource> links, string canvasId, List<OcrReference> into)
    {
        List<OcrReference>? list = into;
        AddOcr(links, canvasId, ref list);
    }

    /// <summary>As <see cref="AddOcr(IReadOnlyList{LinkedResource}, string, List{OcrReference})"/>, creating the list only when a link is OCR.</summary>
    private static void AddOcr(IReadOnlyList<LinkedResource> links, string canvasId, ref List<OcrReference>? into)
    {
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            if (OcrFormatSniffer.Classify(link) is { } format && !(into ??= []).Exists(o => o.Uri == link.Id))
            {
                into.Add(new OcrReference(link.Id, format, canvasId));
            }
        }
    }

    private static void ReadV2Images(JsonElement v2Images, ReadContext context, List<ImageReference> images)
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

            var f = ResourceFields.Of(annotation);
            var type = Json.TypeOf(f.Type);
            if (type is not null && Json.Bare(type) != "Annotation")
            {
                context.Warn("image-annotation-type", $"an images entry has type {type}, not oa:Annotation; read as one");
            }

            if (AnnotationReader.MotivationOf(f.Motivation, context) is not ("painting" or ""))
            {
                context.Warn("image-annotation-motivation", "an images entry is not a painting annotation");
            }

            if (f.On.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.String or JsonValueKind.Object or JsonValueKind.Array))
            {
                context.Warn("target-not-resource", $"on is a {f.On.ValueKind.ToString().ToLowerInvariant()}, not a canvas URI; the image is painted on its canvas regardless");
            }

            if (f.Resource.ValueKind != JsonValueKind.Undefined)
            {
                using var resource = context.Enter("resource");
                ReadImageBody(f.Resource, context, images, depth: 0);
            }
            else
            {
                context.Warn("image-annotation-without-resource", "an images annotation has no resource");
            }
        }
    }

    private static void ReadPages(JsonElement pages, string propertyName, string canvasId, ReadContext context, List<ImageReference> images,
        List<AnnotationRecord> annotations, ref List<LinkedResource>? references, ref List<OcrReference>? ocr, bool painting)
    {
        var index = 0;
        foreach (var page in Json.Many(pages))
        {
            using var scope = context.Enter(propertyName, index++);
            if (!AnnotationReader.IsEmbeddedContainer(page))
            {
                if (LinkReader.Link(page, propertyName, context) is { } link)
                {
                    (references ??= []).Add(link);
                }

                continue;
            }

            if (painting)
            {
                ReadPaintingPage(page, canvasId, context, images, annotations, ref ocr);
                if (Json.TryGet(page, "annotations"u8, out var misplaced))
                {
                    // Seen in the wild: annotations inside the painting page rather than on the canvas (3.0 §3.4).
                    context.Warn("annotations-in-page", "annotations placed inside an AnnotationPage of items, not on the canvas; read anyway");
                    ReadPages(misplaced, "annotations", canvasId, context, images, annotations, ref references, ref ocr, painting: false);
                }
            }
            else
            {
                ReadOcrBodies(page, canvasId, ref ocr);
                AnnotationReader.ReadItems(page, context, annotations, canvasId);
            }
        }
    }

    private static void ReadPaintingPage(JsonElement page, string canvasId, ReadContext context, List<ImageReference> images,
        List<AnnotationRecord> annotations, ref List<OcrReference>? ocr)
    {
        if (!Json.TryGet(page, "items"u8, "resources"u8, out var items))
        {
            return;
        }

        var index = 0;
        foreach (var annotation in Json.Many(items))
        {
            using var scope = context.Enter("items", index++);
            var f = ResourceFields.Of(annotation);
            var (body, bodyName) = f.Body.ValueKind != JsonValueKind.Undefined ? (f.Body, "body") : (f.Resource, "resource");
            if (body.ValueKind == JsonValueKind.Undefined)
            {
                continue;
            }

            var motivation = AnnotationReader.MotivationOf(f.Motivation, context);
            var before = images.Count;
            using (context.Enter(bodyName))
            {
                ReadImageBody(body, context, images, depth: 0, warnNonImage: false);
            }

            if (images.Count == before && context.AnnotationCount < context.Options.MaxAnnotations
                && AnnotationReader.ReadAnnotation(annotation, context, canvasId) is { } record)
            {
                // Text painted on (or supplementing) a canvas is content to index.
                AnnotationReader.Add(record, context, annotations);
            }

            if (motivation != "painting")
            {
                AddOcrBody(body, f.Target.ValueKind != JsonValueKind.Undefined ? f.Target : f.On, canvasId, ref ocr);
            }
        }
    }

    private static void ReadOcrBodies(JsonElement page, string canvasId, ref List<OcrReference>? ocr)
    {
        if (!Json.TryGet(page, "items"u8, "resources"u8, out var items))
        {
            return;
        }

        foreach (var annotation in Json.Many(items))
        {
            if (Json.TryGet(annotation, "body"u8, "resource"u8, out var body))
            {
                AddOcrBody(body, Json.TryGet(annotation, "target"u8, "on"u8, out var target) ? target : default, canvasId, ref ocr);
            }
        }
    }

    /// <summary>
    /// Adds an <see cref="OcrReference"/> for each body (or choice among bodies: captions in several languages, as
    /// cookbook recipe 0074 gives them) that is a linked OCR or caption file, with the language the body gives and
    /// the stretch of the canvas its target names.
    /// </summary>
    private static void AddOcrBody(JsonElement body, JsonElement target, string canvasId, ref List<OcrReference>? ocr, int depth = 0)
    {
        foreach (var item in Json.Many(body))
        {
            if (item.ValueKind == JsonValueKind.Object && depth < 2 && Json.BareType(item) is "Choice" && Json.TryGet(item, "items"u8, "item"u8, out var choices))
            {
                if (Json.TryGet(item, "default"u8, out var first))
                {
                    AddOcrBody(first, target, canvasId, ref ocr, depth + 1);
                }

                AddOcrBody(choices, target, canvasId, ref ocr, depth + 1);
                continue;
            }

            if (item.ValueKind == JsonValueKind.Object && Json.Id(item) is { } id && !item.TryGetProperty("value"u8, out _))
            {
                var link = new LinkedResource { Id = id, Format = Json.FirstString(item, "format"u8), Profile = Json.FirstString(item, "profile"u8) };
                if (OcrFormatSniffer.Classify(link) is { } format && !(ocr ??= []).Exists(o => o.Uri == id))
                {
                    var language = Json.FirstString(item, "language"u8) is { } tag ? LanguageTags.OfText(tag) : null;
                    ocr.Add(new OcrReference(id, format, canvasId, language, format == OcrFormat.WebVtt ? TimeOf(target) : null));
                }
            }
        }
    }

    /// <summary>The <c>t=</c> of a target (a URI's fragment, or its selector's, as annotations' targets are read); null when it names none.</summary>
    private static TimeRange? TimeOf(JsonElement target)
    {
        foreach (var item in Json.Many(target))
        {
            var uri = item.ValueKind == JsonValueKind.String ? item.GetString() : item.ValueKind == JsonValueKind.Object ? Json.Id(item) : null;
            if (uri?.IndexOf('#') is >= 0 and var hash && TimeRange.Parse(uri.AsSpan(hash + 1)) is { } time)
            {
                return time;
            }

            if (item.ValueKind == JsonValueKind.Object && Json.TryGet(item, "selector"u8, out var selector) && SelectorReader.ReadTime(selector) is { } selected)
            {
                return selected;
            }
        }

        return null;
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

            var f = ResourceFields.Of(item);
            var rawType = Json.TypeOf(f.Type);
            var type = LinkReader.NormalizeType(rawType);
            if (type == "Choice")
            {
                if (f.Default.ValueKind != JsonValueKind.Undefined)
                {
                    ReadImageBody(f.Default, context, images, depth + 1, warnNonImage);
                }

                var alternatives = f.Items.ValueKind != JsonValueKind.Undefined ? f.Items : f.Item;
                if (alternatives.ValueKind != JsonValueKind.Undefined)
                {
                    ReadImageBody(alternatives, context, images, depth + 1, warnNonImage);
                }

                continue;
            }

            var source = f.Source.ValueKind != JsonValueKind.Undefined ? f.Source : f.Full;
            if (type == "SpecificResource" && source.ValueKind != JsonValueKind.Undefined)
            {
                ReadImageBody(source, context, images, depth + 1, warnNonImage);
                continue;
            }

            var isText = f.Value.ValueKind != JsonValueKind.Undefined || f.Chars.ValueKind != JsonValueKind.Undefined;
            if (type is not null and not "Image")
            {
                if (warnNonImage)
                {
                    context.Warn("image-resource-type", $"an images annotation paints a {rawType}, not an image");
                }

                if (type is "Sound" or "Video" or "Audio" or "TextualBody" or "Text" || isText)
                {
                    continue;
                }
            }
            else if (type is null && isText)
            {
                continue;
            }

            var services = LinkReader.ServicesOf(f.Service, context);
            ServiceReference? imageService = null;
            for (var i = 0; i < services.Count; i++)
            {
                if (services[i].Kind == ServiceKind.Image)
                {
                    imageService = services[i];
                    break;
                }
            }

            var id = Json.StringOf(f.Id);
            images.Add(new ImageReference
            {
                ResourceId = id is null ? null : context.Resolve(id),
                Format = CommonStrings.Of(Json.First(f.Format)),
                Width = Json.IntOf(f.Width, "width"u8, context),
                Height = Json.IntOf(f.Height, "height"u8, context),
                Service = imageService ?? (services.Count > 0 ? services[0] : null),
            });
        }
    }
}
