using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Model;
using IiifHarvester.Iiif.Ocr;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads annotation lists, layers, pages and collections (Presentation 2.1 §5.3-5.4, 3.0 §5.7-5.9), and the
/// textual annotations in them. Annotations whose bodies carry no text (images, sound, external resources) are
/// not records: they are painted content, read by <see cref="CanvasReader"/>.
/// </summary>
internal static class AnnotationReader
{
    public static AnnotationContainer ReadContainer(JsonElement root, AnnotationContainerKind kind, ReadContext context)
    {
        var records = new List<AnnotationRecord>();
        var references = new List<LinkedResource>();
        if (kind == AnnotationContainerKind.Annotation)
        {
            if (ReadAnnotation(root, context, defaultCanvasId: null) is { } single)
            {
                records.Add(single);
            }
        }
        else
        {
            ReadItems(root, context, records, defaultCanvasId: null);
        }

        // A v2 layer lists its annotation lists in otherContent; a v3 collection embeds or links its first page.
        if (Json.TryGet(root, "otherContent"u8, out var other))
        {
            var index = 0;
            foreach (var item in Json.Many(other))
            {
                using var scope = context.Enter("otherContent", index++);
                if (IsEmbeddedContainer(item))
                {
                    ReadItems(item, context, records, defaultCanvasId: null);
                }
                else if (LinkReader.Link(item, "otherContent", context) is { } link)
                {
                    references.Add(link);
                }
            }
        }

        ReadEmbeddedPage(root, "first"u8, "first", context, records);
        ReadEmbeddedPage(root, "last"u8, "last", context, records);

        var partOf = LinkReader.Links(root, "partOf"u8, "partOf", context);
        if (partOf.Count == 0)
        {
            partOf = LinkReader.Links(root, "within"u8, "within", context);
        }

        return new AnnotationContainer
        {
            Id = context.DocumentId,
            Version = context.Version,
            Contexts = context.Contexts,
            Kind = kind,
            Label = LanguageMapReader.Read(root, "label"u8, "label", context),
            Annotations = records,
            PartOf = partOf,
            First = Link(root, "first"u8, context),
            Last = Link(root, "last"u8, context),
            Next = Link(root, "next"u8, context),
            Prev = Link(root, "prev"u8, context),
            Total = Json.Int(root, "total"u8, context),
            References = references,
        };
    }

    /// <summary>Whether <paramref name="node"/> is an embedded list or page (it has its annotations inline).</summary>
    public static bool IsEmbeddedContainer(JsonElement node) =>
        node.ValueKind == JsonValueKind.Object && (node.TryGetProperty("items"u8, out _) || node.TryGetProperty("resources"u8, out _));

    /// <summary>Reads the annotations of an embedded list or page (<c>resources</c> or <c>items</c>) into <paramref name="into"/>.</summary>
    public static void ReadItems(JsonElement container, ReadContext context, List<AnnotationRecord> into, string? defaultCanvasId)
    {
        if (!Json.TryGet(container, "items"u8, "resources"u8, out var list))
        {
            return;
        }

        var name = container.TryGetProperty("items"u8, out _) ? "items" : "resources";
        into.EnsureCapacity(into.Count + Math.Min(Json.Count(list), context.Options.MaxAnnotations - context.AnnotationCount));
        var index = 0;
        foreach (var node in Json.Many(list))
        {
            using var scope = context.Enter(name, index++);
            if (context.AnnotationCount >= context.Options.MaxAnnotations)
            {
                context.Warn("too-many-annotations", $"more than {context.Options.MaxAnnotations} annotations; the rest were dropped");
                return;
            }

            if (ReadAnnotation(node, context, defaultCanvasId) is { } record)
            {
                Add(record, context, into);
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="record"/> to <paramref name="into"/>, counted; a body that is a whole WebVTT file (as
    /// Europeana publishes captions: a TextualBody in <c>text/vtt</c>) is added as its cues instead, each on its stretch
    /// of the target (counted from the stretch the annotation targets), not as one text holding the timings.
    /// </summary>
    public static void Add(AnnotationRecord record, ReadContext context, List<AnnotationRecord> into)
    {
        if (string.Equals(record.Format, "text/vtt", StringComparison.OrdinalIgnoreCase) && record.Text.StartsWith("WEBVTT", StringComparison.Ordinal))
        {
            var target = new OcrTarget(record.CanvasId ?? string.Empty, null, null, record.ManifestId) { Language = record.Language, TimeOffset = record.Time?.Start ?? 0 };
            var cues = WebVttReader.Read(System.Text.Encoding.UTF8.GetBytes(record.Text), target, OcrParserOptions.Default with { MaxLines = context.Options.MaxAnnotations });
            if (cues.IsSuccess)
            {
                foreach (var cue in cues.Records)
                {
                    if (context.AnnotationCount >= context.Options.MaxAnnotations)
                    {
                        context.Warn("too-many-annotations", $"more than {context.Options.MaxAnnotations} annotations; the rest were dropped");
                        return;
                    }

                    into.Add(cue with { CanvasId = record.CanvasId, Region = record.Region, Motivation = record.Motivation, Creator = record.Creator, Created = record.Created });
                    context.AnnotationCount++;
                }

                return;
            }
        }

        into.Add(record);
        context.AnnotationCount++;
    }

    /// <summary>One textual annotation; null when the node is not an annotation with a text body.</summary>
    public static AnnotationRecord? ReadAnnotation(JsonElement node, ReadContext context, string? defaultCanvasId)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            context.Warn("annotation-not-object", $"an annotation is a {node.ValueKind.ToString().ToLowerInvariant()}; ignored");
            return null;
        }

        string? text, language = null, format = null;
        if (Json.TryGet(node, "body"u8, "resource"u8, out var body))
        {
            text = BodyReader.Read(body, context, out language, out format);
        }
        else if (Json.String(node, "bodyValue"u8) is { } value)
        {
            // Web Annotation §3.2.5: bodyValue is the text of a TextualBody in text/plain.
            text = value.Trim();
            format = "text/plain";
        }
        else
        {
            // Bodiless annotations (bookmarking, highlighting) carry no text to index.
            return null;
        }

        if (text is null)
        {
            return null;
        }

        var motivation = Motivation(node, context);
        string? canvasId = defaultCanvasId, manifestId = context.ManifestId;
        Region? region = null;
        TimeRange? time = null;
        if (Json.TryGet(node, "target"u8, "on"u8, out var target))
        {
            using var scope = context.Enter(node.TryGetProperty("target"u8, out _) ? "target" : "on");
            var read = TargetReader.Read(target, context);
            canvasId = read.CanvasId;
            region = read.Region;
            time = read.Time;
            manifestId = read.ManifestId ?? manifestId;
        }
        else if (defaultCanvasId is null)
        {
            context.Warn("annotation-without-target", "an annotation has no target (on/target)");
        }

        var id = Json.Id(node);
        if (id is null)
        {
            context.Warn("annotation-without-id", "an annotation has no id; one is minted from its target and body");
        }

        return new AnnotationRecord
        {
            Id = id is null ? MintedAnnotationId.Of(node) : context.Resolve(id),
            Text = text,
            Language = language,
            Format = format,
            Motivation = motivation,
            CanvasId = canvasId,
            Region = region,
            Time = time,
            ManifestId = manifestId,
            // FromThePage credits a transcription's contributors on its body (resource.annotatedBy), not the annotation.
            Creator = Creator(node) ?? Creator(Json.First(body)),
            Created = Created(node),
        };
    }

    /// <summary>
    /// The first motivation other than tagging (tagging when it is the only one), without prefix and lowercase; empty
    /// (with a warning) when none is given.
    /// </summary>
    public static string Motivation(JsonElement node, ReadContext context) =>
        MotivationOf(Json.TryGet(node, "motivation"u8, out var m) ? m : default, context);

    /// <summary>
    /// The motivation held in a <c>motivation</c> value (see <see cref="Motivation"/>). Mirador 2 lists
    /// <c>oa:tagging</c> first on every comment that has tags (<c>["oa:tagging", "oa:commenting"]</c>, its tags and its
    /// text in <c>resource</c>): such an annotation is a comment, as Mirador 3 reads it too (an annotation is only a tag
    /// when tagging is its only motivation).
    /// </summary>
    public static string MotivationOf(JsonElement m, ReadContext context)
    {
        if (m.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            string? tagging = null;
            foreach (var item in Json.Many(m))
            {
                if (CommonStrings.Of(item) is { } s)
                {
                    var bare = Bare(s);
                    if (bare != "tagging")
                    {
                        return bare;
                    }

                    tagging = bare;
                }
            }

            if (tagging is not null)
            {
                return tagging;
            }
        }

        context.Warn("no-motivation", "an annotation has no or an empty motivation");
        return string.Empty;
    }

    /// <summary>
    /// <c>sc:painting</c>, <c>oa:commenting</c>, <c>oad:transcribing</c> and full IRIs reduced to the bare lowercase name.
    /// </summary>
    public static string Bare(string motivation)
    {
        // Interned answers for what nearly every annotation says: no allocation per annotation.
        switch (motivation)
        {
            case "painting" or "sc:painting": return "painting";
            case "supplementing" or "sc:supplementing": return "supplementing";
            case "commenting" or "oa:commenting": return "commenting";
            case "tagging" or "oa:tagging": return "tagging";
            case "describing" or "oa:describing": return "describing";
        }

        var cut = Math.Max(motivation.LastIndexOf(':'), Math.Max(motivation.LastIndexOf('#'), motivation.LastIndexOf('/')));
        return (cut >= 0 ? motivation[(cut + 1)..] : motivation).Trim().ToLowerInvariant();
    }

    private static void ReadEmbeddedPage(JsonElement root, ReadOnlySpan<byte> name, string propertyName, ReadContext context, List<AnnotationRecord> records)
    {
        if (Json.TryGet(root, name, out var page) && IsEmbeddedContainer(page))
        {
            using var scope = context.Enter(propertyName);
            ReadItems(page, context, records, defaultCanvasId: null);
        }
    }

    private static string? Link(JsonElement root, ReadOnlySpan<byte> name, ReadContext context) =>
        Json.TryGet(root, name, out var node) && Json.Id(node) is { } id ? context.Resolve(id) : null;

    /// <summary>
    /// When the annotation was made or last changed: Web Annotation <c>created</c>/<c>modified</c>, their prefixed
    /// forms (SimpleAnnotationServer serves <c>dcterms:created</c>), Open Annotation <c>annotatedAt</c>.
    /// </summary>
    private static DateTimeOffset? Created(JsonElement node) =>
        Json.Date(node, "created"u8) ?? Json.Date(node, "dcterms:created"u8)
        ?? Json.Date(node, "modified"u8) ?? Json.Date(node, "dcterms:modified"u8)
        ?? Json.Date(node, "annotatedAt"u8);

    private static string? Creator(JsonElement node)
    {
        if (!Json.TryGet(node, "creator"u8, "annotatedBy"u8, out var creator))
        {
            return null;
        }

        var first = Json.First(creator);
        return first.ValueKind switch
        {
            JsonValueKind.String => Json.NonEmpty(first.GetString()),
            JsonValueKind.Object => Json.String(first, "name"u8) ?? Json.String(first, "nickname"u8)
                ?? (Json.TryGet(first, "label"u8, out var l) && l.ValueKind == JsonValueKind.String ? Json.NonEmpty(l.GetString()) : null)
                ?? Json.Id(first),
            _ => null,
        };
    }
}
