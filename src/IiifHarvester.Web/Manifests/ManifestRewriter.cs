using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Html;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Web.Search;

namespace IiifHarvester.Web.Manifests;

/// <summary>
/// Turns a harvested manifest or collection into our re-served copy. The identity model (README "Re-served
/// documents"): a document's <c>id</c> (<c>@id</c> in Presentation 2) is where it is published, so our copy's is
/// <c>/iiif/manifests/{key}</c>, the same URL our catalog Collection and Discovery stream give; the institution's
/// document is named in <c>seeAlso</c> (a machine-readable description every client may follow; Presentation 3.0
/// §3.3.1, 2.1 §5.1.6) with the Presentation context as its profile; canvases, ranges and annotations keep the
/// institution's ids, so published annotations and search hits still target them. Our search and autocomplete
/// services come first in <c>service</c>, Search 1.0 before Search 2.0: Mirador uses the first whose profile it
/// knows, Mime takes a Presentation 3 manifest's first service for a Search 1.0 service, and Clover takes the first
/// SearchService1 or SearchService2 and loads its answer through @iiif/parser, which throws on a Search 2.0 page's
/// <c>partOf</c> object. In Presentation 3 no service entry carries an <c>@context</c>. <c>@context</c> is the first property (JSON-LD 1.1 §3.1 and both
/// Presentation specifications), and descriptive text (label, summary, metadata, requiredStatement; v2
/// description and attribution) is sanitized to the IIIF HTML subset.
/// </summary>
internal static class ManifestRewriter
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 256,
    };

    private static readonly HashSet<string> DescriptiveProperties = new(StringComparer.Ordinal)
    {
        "label", "summary", "metadata", "requiredStatement", "description", "attribution",
    };

    /// <summary>
    /// Whether the document is Presentation 3 or later (<c>id</c> and <c>type</c>, not <c>@id</c>): it declares such
    /// a context, or, declaring no Presentation context at all (published so, by early 3.0 adopters), it has that
    /// shape (<c>id</c> and <c>type</c>, no <c>@id</c>).
    /// </summary>
    public static bool IsPresentation3(JsonObject document) => PresentationMajor(document["@context"]) switch
    {
        >= 3 => true,
        0 => document.ContainsKey("id") && document.ContainsKey("type") && !document.ContainsKey("@id"),
        _ => false,
    };

    /// <summary>
    /// For a document that declares a Presentation version after 3, that version's context as IIIF names it (e.g.
    /// <c>http://iiif.io/api/presentation/4/context.json</c>), for the content type's profile (built here, not taken
    /// from the document, so that nothing published reaches a header); null for 3 and earlier.
    /// </summary>
    public static string? LaterPresentationContext(JsonObject document) =>
        PresentationMajor(document["@context"]) is > 3 and var major
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"http://iiif.io/api/presentation/{major}/context.json")
            : null;

    /// <summary>
    /// Parses a harvested document; throws <see cref="JsonException"/> when it is not a JSON object. The tree is read
    /// lazily: one that repeats a property name throws <see cref="ArgumentException"/> where it is first walked
    /// (<see cref="Copy"/> reads such a document again with <see cref="ParseRepeatedNames"/>).
    /// </summary>
    public static JsonObject Parse(ReadOnlySpan<byte> json) =>
        JsonNode.Parse(json, documentOptions: DocumentOptions) as JsonObject
        ?? throw new JsonException("The document is not a JSON object.");

    /// <summary>
    /// Parses a harvested document that repeats a property name as browsers and our parser read it (the last value,
    /// at the first one's place); slower than <see cref="Parse"/> (1.3x to 2x for the whole copy), so kept for them.
    /// </summary>
    public static JsonObject ParseRepeatedNames(ReadOnlySpan<byte> json) =>
        JsonTree.Parse(json, DocumentOptions) as JsonObject
        ?? throw new JsonException("The document is not a JSON object.");

    /// <summary>Our copy of a harvested document: its body, whether it is Presentation 3 or later, and the context of a later one.</summary>
    public static (byte[] Body, bool IsV3, string? LaterContext) Copy(ReadOnlySpan<byte> json, PublicUrls urls, string key, IReadOnlyList<CollectionCopy> collections)
    {
        JsonObject document;
        byte[] body;
        try
        {
            document = Parse(json);
            body = Rewrite(document, urls, key, collections);
        }
        catch (ArgumentException)
        {
            // A property name repeated somewhere in the document (JsonObject holds each name once).
            document = ParseRepeatedNames(json);
            body = Rewrite(document, urls, key, collections);
        }

        return (body, IsPresentation3(document), LaterPresentationContext(document));
    }

    /// <summary>
    /// Our copy of <paramref name="document"/> as UTF-8 JSON. In Presentation 3, <paramref name="collections"/> (the
    /// harvested collections that list it, which we serve too) come first in <c>partOf</c> as our copies; the
    /// document's own <c>partOf</c> entries follow, less those naming one of them by the institution's id.
    /// </summary>
    public static byte[] Rewrite(JsonObject document, PublicUrls urls, string key, IReadOnlyList<CollectionCopy> collections)
    {
        var isV3 = IsPresentation3(document);
        var idName = isV3 ? "id" : "@id";
        var original = document[idName] is JsonValue value && value.TryGetValue<string>(out var published) ? published : null;
        var ours = urls.Manifest(key);

        var copy = new JsonObject();
        if (document["@context"] is { } context)
        {
            copy["@context"] = context.DeepClone();
        }
        else if (isV3)
        {
            // We serve it as Presentation 3 (its content type's profile says so); the JSON-LD says the same.
            copy["@context"] = MediaTypes.Presentation3Context;
        }

        var sawService = false;
        var sawSeeAlso = false;
        var addPartOf = isV3 && collections.Count > 0;
        foreach (var (name, node) in document)
        {
            switch (name)
            {
                case "@context":
                    continue;
                case "id" or "@id" when name == idName:
                    copy[name] = ours;
                    break;
                case "service":
                    copy[name] = Services(node, urls, key, isV3);
                    sawService = true;
                    break;
                case "partOf" when addPartOf:
                    copy[name] = PartOf(node, urls, collections);
                    addPartOf = false;
                    break;
                case "metadata" when node is JsonObject entries:
                    copy[name] = Sanitized(name, MetadataList(entries));
                    break;
                case "seeAlso" when original is not null && original != ours:
                    copy[name] = WithOriginal(node, original, isV3);
                    sawSeeAlso = true;
                    break;
                default:
                    var clone = Sanitized(name, node?.DeepClone());
                    if (isV3)
                    {
                        WithoutServiceContexts(clone);
                    }

                    copy[name] = clone;
                    break;
            }
        }

        if (!copy.ContainsKey(idName))
        {
            copy[idName] = ours;
        }

        if (!sawSeeAlso && original is not null && original != ours)
        {
            copy["seeAlso"] = WithOriginal(null, original, isV3);
        }

        if (!sawService)
        {
            copy["service"] = Services(null, urls, key, isV3);
        }

        if (addPartOf)
        {
            copy["partOf"] = PartOf(null, urls, collections);
        }

        return JsonSerializer.SerializeToUtf8Bytes(copy, WriteOptions);
    }

    /// <summary>
    /// <c>metadata</c> published as one object, as the list both Presentation specifications require: a single
    /// label/value entry becomes a list of it, and an object of named entries (the Museum voor Schone Kunsten Gent's
    /// <c>{"manifest_url": {"label": ..., "value": ...}}</c>) the list of its entries in order, as the parser reads it.
    /// </summary>
    private static JsonArray MetadataList(JsonObject metadata)
    {
        if (metadata.ContainsKey("label") || metadata.ContainsKey("value"))
        {
            return [metadata.DeepClone()];
        }

        var list = new JsonArray();
        foreach (var (_, entry) in metadata)
        {
            if (entry is JsonObject)
            {
                list.Add(entry.DeepClone());
            }
        }

        return list;
    }

    /// <summary>Our copies of the collections (Presentation 3 §3.4: id, type, label), then the document's own others.</summary>
    private static JsonArray PartOf(JsonNode? existing, PublicUrls urls, IReadOnlyList<CollectionCopy> collections)
    {
        var partOf = new JsonArray();
        foreach (var collection in collections)
        {
            var reference = new JsonObject { ["id"] = urls.Manifest(collection.Key), ["type"] = "Collection" };
            if (collection.Label is { IsEmpty: false } label)
            {
                var map = new JsonObject();
                foreach (var (language, values) in label.Values)
                {
                    map[language] = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(IiifHtmlSanitizer.Sanitize(v))).ToArray());
                }

                reference["label"] = map;
            }

            partOf.Add(reference);
        }

        var originals = collections.Select(c => c.OriginalId).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in Entries(existing))
        {
            var id = entry is JsonObject o && o["id"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (entry is not null && (id is null || !originals.Contains(id)))
            {
                partOf.Add(Sanitized("partOf", entry.DeepClone()));
            }
        }

        return partOf;
    }

    /// <summary>The entries of a property that may hold one value or an array of them (a copy of the list: callers re-parent them).</summary>
    private static List<JsonNode?> Entries(JsonNode? existing) => existing switch
    {
        null => [],
        JsonArray array => array.ToList(),
        _ => [existing],
    };

    /// <summary>Ours first, then the institution's (a single object or string kept, in an array).</summary>
    private static JsonArray Services(JsonNode? existing, PublicUrls urls, string key, bool isV3)
    {
        var services = new JsonArray(Search1(urls, key, isV3), Search2(urls, key, isV3));
        foreach (var service in Entries(existing))
        {
            var clone = service?.DeepClone();
            if (isV3)
            {
                WithoutServiceContexts(clone);
                if (clone is JsonObject entry)
                {
                    WithoutContext(entry);
                }
            }

            services.Add(clone);
        }

        return services;
    }

    /// <summary>Every <c>service</c> entry under <paramref name="node"/>, at any depth, without its <c>@context</c>.</summary>
    private static void WithoutServiceContexts(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (name is "service" or "services")
                    {
                        foreach (var entry in child is JsonArray list ? list.OfType<JsonObject>() : child is JsonObject one ? [one] : [])
                        {
                            WithoutContext(entry);
                        }
                    }

                    WithoutServiceContexts(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutServiceContexts(child);
                }

                break;
        }
    }

    /// <summary>
    /// Presentation 3 §3.2 (service): "the @context key SHOULD NOT be present within the service", the document's
    /// context covers it. An older service that said what it is only through its context (an Image API 2 service
    /// with <c>@id</c> and <c>profile</c> but no <c>@type</c>) keeps that as the <c>@type</c> §3.2 lists for it.
    /// </summary>
    private static void WithoutContext(JsonObject service)
    {
        if (service["@context"] is not { } context)
        {
            return;
        }

        service.Remove("@context");
        if (service.ContainsKey("type") || service.ContainsKey("@type"))
        {
            return;
        }

        var profile = service["profile"] is JsonValue p && p.TryGetValue<string>(out var named) ? named : string.Empty;
        var contexts = context is JsonArray array ? array.Select(c => c?.ToString() ?? string.Empty).ToList() : [context.ToString()];
        string? type = null;
        foreach (var value in contexts)
        {
            type ??= value switch
            {
                _ when value.Contains("iiif.io/api/image/2", StringComparison.Ordinal) => "ImageService2",
                _ when value.Contains("iiif.io/api/image/1", StringComparison.Ordinal) || value.Contains("library.stanford.edu/iiif/image-api/1", StringComparison.Ordinal) => "ImageService1",
                _ when value.Contains("iiif.io/api/search/1", StringComparison.Ordinal) => profile.EndsWith("autocomplete", StringComparison.Ordinal) ? "AutoCompleteService1" : "SearchService1",
                _ when value.Contains("iiif.io/api/auth/1", StringComparison.Ordinal) => profile switch
                {
                    _ when profile.EndsWith("/token", StringComparison.Ordinal) => "AuthTokenService1",
                    _ when profile.EndsWith("/logout", StringComparison.Ordinal) => "AuthLogoutService1",
                    _ => "AuthCookieService1",
                },
                _ => null,
            };
        }

        if (type is not null)
        {
            service[service.ContainsKey("@id") ? "@type" : "type"] = type;
        }
    }

    /// <summary>The Search 1.0 service (its profile is all Mirador and Universal Viewer look for) with autocomplete; ids carry no <c>?</c> since viewers append <c>?q=</c>.</summary>
    private static JsonObject Search1(PublicUrls urls, string key, bool isV3)
    {
        if (isV3)
        {
            return new JsonObject
            {
                ["id"] = urls.Search(1, key),
                ["type"] = "SearchService1",
                ["profile"] = "http://iiif.io/api/search/1/search",
                ["service"] = new JsonArray(new JsonObject
                {
                    ["id"] = urls.Autocomplete(1, key),
                    ["type"] = "AutoCompleteService1",
                    ["profile"] = "http://iiif.io/api/search/1/autocomplete",
                }),
            };
        }

        return new JsonObject
        {
            ["@context"] = MediaTypes.Search1Context,
            ["@id"] = urls.Search(1, key),
            ["profile"] = "http://iiif.io/api/search/1/search",
            ["service"] = new JsonObject
            {
                ["@id"] = urls.Autocomplete(1, key),
                ["profile"] = "http://iiif.io/api/search/1/autocomplete",
            },
        };
    }

    /// <summary>The Search 2.0 service (§3) with autocomplete; in a Presentation 2 document it names its context.</summary>
    private static JsonObject Search2(PublicUrls urls, string key, bool isV3)
    {
        var service = new JsonObject();
        if (!isV3)
        {
            service["@context"] = MediaTypes.Search2Context;
        }

        service["id"] = urls.Search(2, key);
        service["type"] = "SearchService2";
        service["service"] = new JsonArray(new JsonObject
        {
            ["id"] = urls.Autocomplete(2, key),
            ["type"] = "AutoCompleteService2",
        });
        return service;
    }

    /// <summary>The document's own <c>seeAlso</c> entries, then the institution's original.</summary>
    private static JsonArray WithOriginal(JsonNode? existing, string original, bool isV3)
    {
        var list = existing switch
        {
            null => new JsonArray(),
            JsonArray array => (JsonArray)array.DeepClone(),
            _ => new JsonArray(existing.DeepClone()),
        };
        list.Add(isV3
            ? new JsonObject
            {
                ["id"] = original,
                ["type"] = "Dataset",
                ["label"] = new JsonObject { ["en"] = new JsonArray("The document as published by the institution") },
                ["format"] = "application/ld+json",
                ["profile"] = MediaTypes.Presentation3Context,
            }
            : new JsonObject
            {
                ["@id"] = original,
                ["label"] = "The document as published by the institution",
                ["format"] = "application/ld+json",
                ["profile"] = MediaTypes.Presentation2Context,
            });
        return list;
    }

    /// <summary>The node with descriptive text sanitized, at any depth (canvases and ranges have labels too).</summary>
    private static JsonNode? Sanitized(string? name, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in obj.ToList())
                {
                    var child = name is not null && DescriptiveProperties.Contains(name)
                        ? SanitizeText(property.Key, property.Value)
                        : Sanitized(property.Key, property.Value);
                    if (!ReferenceEquals(child, property.Value))
                    {
                        obj[property.Key] = child;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = name is not null && DescriptiveProperties.Contains(name) ? SanitizeText(null, array[i]) : Sanitized(name, array[i]);
                    if (!ReferenceEquals(child, array[i]))
                    {
                        array[i] = child;
                    }
                }

                return array;
            case JsonValue value when name is not null && DescriptiveProperties.Contains(name):
                return SanitizeText(null, value);
            default:
                return node;
        }
    }

    /// <summary>Every string under a descriptive property sanitized, but for language tags and types.</summary>
    private static JsonNode? SanitizeText(string? key, JsonNode? node)
    {
        switch (node)
        {
            case JsonValue value when key is not ("@language" or "@type" or "type" or "id" or "@id")
                && value.TryGetValue<string>(out var text):
                var safe = IiifHtmlSanitizer.Sanitize(text);
                return safe == text ? node : JsonValue.Create(safe);
            case JsonObject obj:
                foreach (var property in obj.ToList())
                {
                    var child = SanitizeText(property.Key, property.Value);
                    if (!ReferenceEquals(child, property.Value))
                    {
                        obj[property.Key] = child;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = SanitizeText(null, array[i]);
                    if (!ReferenceEquals(child, array[i]))
                    {
                        array[i] = child;
                    }
                }

                return array;
            default:
                return node;
        }
    }

    /// <summary>The highest Presentation major version the context names; 0 when it names none.</summary>
    private static int PresentationMajor(JsonNode? context) => PresentationContexts(context).Select(Major).DefaultIfEmpty(0).Max();

    private static IEnumerable<string> PresentationContexts(JsonNode? context) => context switch
    {
        JsonValue value when value.TryGetValue<string>(out var s) && s.Contains(PresentationPath, StringComparison.Ordinal) => [s],
        JsonArray array => array.SelectMany(PresentationContexts),
        _ => [],
    };

    /// <summary>The major version in <c>…/api/presentation/N/…</c> (1 for a path without a digit there).</summary>
    private static int Major(string context)
    {
        var at = context.IndexOf(PresentationPath, StringComparison.Ordinal) + PresentationPath.Length;
        var end = at;
        while (end < context.Length && char.IsAsciiDigit(context[end]))
        {
            end++;
        }

        return end > at && int.TryParse(context.AsSpan(at, Math.Min(end - at, 3)), out var major) ? major : 1;
    }

    private const string PresentationPath = "iiif.io/api/presentation/";
}
