using System.Globalization;
using System.Text.Json;
using IiifHarvester.Iiif.Annotations;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads manifests and collections of Presentation 2.1 and 3.0 (and pre-2.0 shared-canvas documents) into
/// <see cref="PresentationResource"/>: the descriptive, rights, linking and structural properties.
/// </summary>
internal static class PresentationReader
{
    private static readonly HashSet<string> ViewingDirections = new(StringComparer.Ordinal)
    {
        "left-to-right", "right-to-left", "top-to-bottom", "bottom-to-top",
    };

    public static PresentationResource Read(JsonElement root, PresentationKind kind, ReadContext context)
    {
        if (kind == PresentationKind.Manifest)
        {
            context.ManifestId = context.DocumentId;
        }

        var label = LanguageMapReader.Read(root, "label"u8, "label", context);
        if (label.IsEmpty)
        {
            context.Warn("no-label", $"the {kind.ToString().ToLowerInvariant()} has no label (required by Presentation 2.1 §3.1 and 3.0 §3.1)");
        }

        var summary = ReadHtmlMap(root, "summary"u8, "description"u8, "summary", context);
        var metadata = ReadMetadata(root, context);
        var requiredStatement = ReadRequiredStatement(root, context);
        var (rights, licenses) = ReadRights(root, context);

        var logo = LinkReader.Links(root, "logo"u8, "logo", context);
        var providers = LinkReader.Providers(root, context);
        if (providers.Count == 0 && logo.Count > 0)
        {
            // v2 has no provider; the logo (and attribution) belong to the publishing institution.
            providers = [new Agent { Label = requiredStatement?.Value ?? LanguageMap.Empty, Logo = logo }];
        }

        var homepage = LinkReader.Links(root, "homepage"u8, "homepage", context);
        if (homepage.Count == 0)
        {
            homepage = LinkReader.Links(root, "related"u8, "related", context);
        }

        var partOf = LinkReader.Links(root, "partOf"u8, "partOf", context);
        if (partOf.Count == 0)
        {
            partOf = LinkReader.Links(root, "within"u8, "within", context);
        }

        var canvases = new List<Canvas>();
        var annotations = new List<AnnotationRecord>();
        var annotationReferences = new List<LinkedResource>();
        JsonElement firstSequence = default;
        if (kind == PresentationKind.Manifest)
        {
            firstSequence = ReadCanvases(root, context, canvases, annotations);
            ReadManifestAnnotations(root, context, annotations, annotationReferences);
        }

        var seeAlso = LinkReader.Links(root, "seeAlso"u8, "seeAlso", context);
        var rendering = LinkReader.Links(root, "rendering"u8, "rendering", context);
        var ocr = new List<OcrReference>();
        if (canvases.Count == 1)
        {
            // A one-page document may hang its full text on the manifest; it can only be that canvas's text.
            CanvasReader.AddOcr(seeAlso, canvases[0].Id, ocr);
            CanvasReader.AddOcr(rendering, canvases[0].Id, ocr);
        }

        if (Json.TryGet(firstSequence, "rendering"u8, out var sequenceRendering))
        {
            // Presentation 2.1 lets a sequence carry rendering too (Wellcome hangs its "Download as PDF" there): they are
            // the manifest's download links, so they join the manifest's own.
            using var scope = context.Enter("sequences", 0);
            var fromSequence = LinkReader.LinksOf(sequenceRendering, "rendering", context);
            rendering = [.. rendering, .. fromSequence.Where(r => !rendering.Any(m => string.Equals(m.Id, r.Id, StringComparison.Ordinal)))];
        }

        var members = kind == PresentationKind.Collection ? CollectionReader.ReadMembers(root, context, depth: 0) : [];
        var viewingDirection = Json.String(root, "viewingDirection"u8) ?? Json.String(firstSequence, "viewingDirection"u8);
        if (viewingDirection is not null && !ViewingDirections.Contains(viewingDirection))
        {
            context.Warn("bad-viewing-direction", $"viewingDirection \"{Json.Truncate(viewingDirection, 40)}\" is not one of the four allowed values; ignored");
            viewingDirection = null;
        }

        var languages = new List<string>();
        AddLanguages(languages, label);
        AddLanguages(languages, summary);
        foreach (var entry in metadata)
        {
            AddLanguages(languages, entry.Label);
            AddLanguages(languages, entry.Value);
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
            RequiredStatement = requiredStatement,
            Rights = rights,
            Licenses = licenses,
            Providers = providers,
            Homepage = homepage,
            SeeAlso = seeAlso,
            Rendering = rendering,
            Thumbnail = LinkReader.Links(root, "thumbnail"u8, "thumbnail", context),
            Logo = logo,
            PartOf = partOf,
            NavDate = ReadNavDate(root, context),
            ViewingDirection = viewingDirection,
            Behavior = ReadBehavior(root, firstSequence),
            StartCanvas = ReadStart(root, firstSequence, canvases, context),
            Canvases = canvases,
            Ranges = kind == PresentationKind.Manifest ? RangeReader.Read(root, context) : [],
            Members = members,
            First = Link(root, "first"u8, context),
            Last = Link(root, "last"u8, context),
            Next = Link(root, "next"u8, context),
            Prev = Link(root, "prev"u8, context),
            Total = Json.Int(root, "total"u8, context),
            StartIndex = Json.Int(root, "startIndex"u8, context),
            Services = LinkReader.Services(root, context),
            Annotations = annotations,
            AnnotationReferences = annotationReferences,
            OcrReferences = ocr,
            Languages = languages,
        };
    }

    /// <summary>Canvases of v3 <c>items</c>, or of the first v2 sequence; returns that sequence (or default).</summary>
    private static JsonElement ReadCanvases(JsonElement root, ReadContext context, List<Canvas> canvases, List<AnnotationRecord> annotations)
    {
        JsonElement sequence = default;
        JsonElement list;
        string name;
        if (Json.TryGet(root, "items"u8, out list))
        {
            name = "items";
        }
        else if (Json.TryGet(root, "sequences"u8, out var sequences))
        {
            if (context.Version == IiifVersion.V3)
            {
                context.Warn("v2-sequences", "a v3 manifest uses the v2 property sequences; read as v2");
            }

            if (sequences.ValueKind == JsonValueKind.Object)
            {
                context.Warn("sequences-not-array", "sequences is a single object, not an array");
            }

            sequence = Json.First(sequences);
            if (sequence.ValueKind == JsonValueKind.Undefined)
            {
                context.Warn("no-canvases", "sequences is empty: the manifest has no canvases");
                return default;
            }

            using var scope = context.Enter("sequences", 0);
            if (sequence.ValueKind != JsonValueKind.Object)
            {
                context.Warn("bad-sequence", $"the first sequence is a {sequence.ValueKind.ToString().ToLowerInvariant()}, not an object; no canvases");
                return default;
            }

            if (!Json.TryGet(sequence, "canvases"u8, out list))
            {
                context.Warn("no-canvases", "the manifest has no canvases");
                return sequence;
            }

            ReadCanvasList(list, "canvases", context, canvases, annotations);
            return sequence;
        }
        else
        {
            context.Warn("no-canvases", "the manifest has no sequences or items: no canvases");
            return default;
        }

        ReadCanvasList(list, name, context, canvases, annotations);
        return sequence;
    }

    private static void ReadCanvasList(JsonElement list, string name, ReadContext context, List<Canvas> canvases, List<AnnotationRecord> annotations)
    {
        // One allocation for the list instead of a doubling series (a manifest may have thousands of canvases).
        canvases.EnsureCapacity(canvases.Count + Math.Min(Json.Count(list), context.Options.MaxCanvases));
        var index = 0;
        foreach (var node in Json.Many(list))
        {
            using var scope = context.Enter(name, index++);
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

        if (canvases.Count == 0)
        {
            context.Warn("no-canvases", "the manifest has no usable canvases");
        }
    }

    private static void ReadManifestAnnotations(JsonElement root, ReadContext context, List<AnnotationRecord> annotations, List<LinkedResource> references)
    {
        if (!Json.TryGet(root, "annotations"u8, "otherContent"u8, out var pages))
        {
            return;
        }

        var name = root.TryGetProperty("annotations"u8, out _) ? "annotations" : "otherContent";
        var index = 0;
        foreach (var page in Json.Many(pages))
        {
            using var scope = context.Enter(name, index++);
            if (AnnotationReader.IsEmbeddedContainer(page))
            {
                AnnotationReader.ReadItems(page, context, annotations, defaultCanvasId: null);
            }
            else if (LinkReader.Link(page, name, context) is { } link)
            {
                references.Add(link);
            }
        }
    }

    private static List<MetadataEntry> ReadMetadata(JsonElement root, ReadContext context)
    {
        var metadata = new List<MetadataEntry>();
        if (!Json.TryGet(root, "metadata"u8, out var md))
        {
            return metadata;
        }

        var index = 0;
        if (md.ValueKind == JsonValueKind.Object && !Json.TryGet(md, "label"u8, out _) && !Json.TryGet(md, "value"u8, out _))
        {
            // An object of entries keyed by a name ({"manifest_url": {"label": ..., "value": ...}}), as the Museum
            // voor Schone Kunsten Gent's image hub publishes: its entries, in order.
            context.Warn("metadata-not-array", "metadata is an object of named entries, not an array; read as its entries");
            foreach (var named in md.EnumerateObject())
            {
                ReadMetadataEntry(named.Value, index++, metadata, context);
            }

            return metadata;
        }

        if (md.ValueKind != JsonValueKind.Array)
        {
            context.Warn("metadata-not-array", "metadata is not an array");
        }

        metadata.EnsureCapacity(Json.Count(md));
        foreach (var pair in Json.Many(md))
        {
            ReadMetadataEntry(pair, index++, metadata, context);
        }

        return metadata;
    }

    private static void ReadMetadataEntry(JsonElement pair, int index, List<MetadataEntry> metadata, ReadContext context)
    {
        using var scope = context.Enter("metadata", index);
        if (pair.ValueKind != JsonValueKind.Object)
        {
            context.Warn("metadata-entry-not-object", "a metadata entry is not a label/value object; skipped");
            return;
        }

        var label = LanguageMapReader.Read(pair, "label"u8, "metadata.label", context);
        var value = ReadHtmlMap(pair, "value"u8, default, "metadata.value", context);
        if (!label.IsEmpty || !value.IsEmpty)
        {
            metadata.Add(new MetadataEntry(label, value));
        }
    }

    private static MetadataEntry? ReadRequiredStatement(JsonElement root, ReadContext context)
    {
        if (Json.TryGet(root, "requiredStatement"u8, out var statement))
        {
            using var scope = context.Enter("requiredStatement");
            if (statement.ValueKind != JsonValueKind.Object)
            {
                context.Warn("required-statement-not-object", "requiredStatement is not a label/value object");
                return null;
            }

            return new MetadataEntry(
                LanguageMapReader.Read(statement, "label"u8, "requiredStatement.label", context),
                ReadHtmlMap(statement, "value"u8, default, "requiredStatement.value", context));
        }

        var attribution = ReadHtmlMap(root, "attribution"u8, default, "attribution", context);
        return attribution.IsEmpty ? null : new MetadataEntry(LanguageMap.FromString("Attribution"), attribution);
    }

    private static (string? Rights, IReadOnlyList<string> Licenses) ReadRights(JsonElement root, ReadContext context)
    {
        var licenses = new List<string>();
        if (Json.TryGet(root, "rights"u8, "license"u8, out var value))
        {
            foreach (var item in Json.Many(value))
            {
                if (Json.Id(item) is { } uri)
                {
                    licenses.Add(uri.Trim());
                }
            }
        }

        var rights = licenses.Count > 0 ? licenses[0] : null;
        if (rights is not null && context.Version == IiifVersion.V3 && !IsRegisteredRights(rights))
        {
            // Presentation 3.0 §3.3.1: rights MUST be a Creative Commons or RightsStatements.org URI (or a registered extension).
            context.Warn("rights-not-registered", $"rights \"{Json.Truncate(rights, 80)}\" is not a Creative Commons or RightsStatements.org URI");
        }

        return (rights, licenses);
    }

    private static bool IsRegisteredRights(string rights) =>
        rights.Contains("creativecommons.org/", StringComparison.OrdinalIgnoreCase)
        || rights.Contains("rightsstatements.org/", StringComparison.OrdinalIgnoreCase);

    /// <summary>A language map whose values may hold HTML: values are kept as published, unsafe markup is warned about.</summary>
    private static LanguageMap ReadHtmlMap(JsonElement node, ReadOnlySpan<byte> name, ReadOnlySpan<byte> v2Name, string propertyName, ReadContext context)
    {
        JsonElement value;
        if (!Json.TryGet(node, name, out value) && (v2Name.IsEmpty || !Json.TryGet(node, v2Name, out value)))
        {
            return LanguageMap.Empty;
        }

        var map = LanguageMapReader.Read(value, propertyName, context);
        foreach (var list in map.Values.Values)
        {
            foreach (var s in list)
            {
                if (s.Contains('<', StringComparison.Ordinal) && HtmlText.FindUnsafeMarkup(s) is { } problem)
                {
                    context.Warn("unsafe-html:" + propertyName, $"{propertyName} holds {problem} outside the IIIF HTML subset (Presentation 3.0 §4.4); it is dropped when re-served");
                }
            }
        }

        return map;
    }

    private static DateTimeOffset? ReadNavDate(JsonElement root, ReadContext context)
    {
        if (!Json.TryGet(root, "navDate"u8, out var value))
        {
            return null;
        }

        var text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (Json.ParseDate(text) is { } date)
        {
            return date;
        }

        // Published navDates with a broken time ("1949-01-01:T00:00:00Z", the Library of Congress) or none ("1949")
        // still say which day or year: a catalog sorting and faceting by date keeps that, and says so.
        if (LeadingDate(text) is { } day)
        {
            context.Warn("bad-nav-date", $"navDate \"{Json.Truncate(text!, 40)}\" is not an xsd:dateTime; read as {day:yyyy-MM-dd}");
            return day;
        }

        context.Warn("bad-nav-date", "navDate is not an xsd:dateTime; ignored");
        return null;
    }

    /// <summary>The date a value starts with (YYYY-MM-DD, YYYY-MM or YYYY, then nothing or a non-digit), at midnight UTC.</summary>
    private static DateTimeOffset? LeadingDate(string? text)
    {
        var s = text.AsSpan().Trim();
        if (Digits(s, 0) != 4 || !int.TryParse(s[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1)
        {
            return null;
        }

        int month = 1, day = 1, at = 4;
        if (at < s.Length && s[at] == '-' && Digits(s, at + 1) == 2)
        {
            month = int.Parse(s.Slice(at + 1, 2), CultureInfo.InvariantCulture);
            at += 3;
            if (at < s.Length && s[at] == '-' && Digits(s, at + 1) == 2)
            {
                day = int.Parse(s.Slice(at + 1, 2), CultureInfo.InvariantCulture);
                at += 3;
            }
        }

        if (at < s.Length && char.IsAsciiDigit(s[at]) || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);

        static int Digits(ReadOnlySpan<char> s, int from)
        {
            var n = 0;
            while (from + n < s.Length && char.IsAsciiDigit(s[from + n]))
            {
                n++;
            }

            return n;
        }
    }

    private static IReadOnlyList<string> ReadBehavior(JsonElement root, JsonElement sequence)
    {
        var behavior = new List<string>();
        foreach (var node in (ReadOnlySpan<JsonElement>)[root, sequence])
        {
            if (Json.TryGet(node, "behavior"u8, "viewingHint"u8, out var value))
            {
                foreach (var item in Json.Many(value))
                {
                    if (item.ValueKind == JsonValueKind.String && Json.NonEmpty(item.GetString()) is { } s && !behavior.Contains(s))
                    {
                        behavior.Add(s);
                    }
                }
            }
        }

        return behavior;
    }

    private static string? ReadStart(JsonElement root, JsonElement sequence, List<Canvas> canvases, ReadContext context)
    {
        JsonElement value = default;
        var found = Json.TryGet(root, "start"u8, "startCanvas"u8, out value) || Json.TryGet(sequence, "startCanvas"u8, out value);
        if (!found)
        {
            return null;
        }

        // A Canvas, or a SpecificResource (Presentation 3.0 §3.3.2) whose own id is not the canvas's: its source is.
        var start = Json.TryGet(value, "source"u8, out var source) ? Json.Id(source) : Json.Id(value);

        if (start is null)
        {
            context.Warn("bad-start-canvas", "startCanvas/start is not a canvas reference; ignored");
            return null;
        }

        start = context.Resolve(start);
        var bare = start.Contains('#', StringComparison.Ordinal) ? start[..start.IndexOf('#', StringComparison.Ordinal)] : start;
        if (!canvases.Exists(c => c.Id == bare))
        {
            context.Warn("bad-start-canvas", "startCanvas/start names no canvas of the manifest");
        }

        return bare;
    }

    private static void AddLanguages(List<string> into, LanguageMap map)
    {
        foreach (var language in map.Values.Keys)
        {
            if (language != LanguageMap.None && !into.Contains(language))
            {
                into.Add(language);
            }
        }
    }

    private static string? Link(JsonElement root, ReadOnlySpan<byte> name, ReadContext context) =>
        Json.TryGet(root, name, out var node) && Json.Id(node) is { } id ? context.Resolve(id) : null;
}
