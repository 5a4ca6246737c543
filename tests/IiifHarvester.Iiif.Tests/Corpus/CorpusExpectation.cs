using System.Text.Json;
using System.Text.RegularExpressions;

namespace IiifHarvester.Iiif.Tests.Corpus;

/// <summary>
/// What a corpus file says about itself, computed straight from its JSON without the parser: label strings,
/// canvas count, textual annotation count, members, activities, terms. The corpus test checks the parser against
/// these, so the two must stay independent.
/// </summary>
internal static partial class CorpusExpectation
{
    public static string? TypeOf(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "type", "@type" })
        {
            if (e.TryGetProperty(name, out var t))
            {
                var s = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().FirstOrDefault(x => x.ValueKind == JsonValueKind.String) : t;
                if (s.ValueKind == JsonValueKind.String)
                {
                    var v = s.GetString()!;
                    return v.Contains(':', StringComparison.Ordinal) ? v[(v.LastIndexOf(':') + 1)..] : v;
                }
            }
        }

        return null;
    }

    /// <summary>A specification snippet with neither a type nor anything a type can be inferred from.</summary>
    public static bool IsFragment(JsonElement root) => TypeOf(root) is null && !root.TryGetProperty("orderedItems", out _);

    public static HashSet<string> LabelStrings(JsonElement node)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        void Walk(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String when !string.IsNullOrWhiteSpace(e.GetString()):
                    set.Add(e.GetString()!);
                    break;
                case JsonValueKind.Array:
                    foreach (var x in e.EnumerateArray())
                    {
                        Walk(x);
                    }

                    break;
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Name is not ("@language" or "@type" or "@id" or "@context"))
                        {
                            Walk(p.Value);
                        }
                    }

                    break;
            }
        }

        Walk(node);
        return set;
    }

    public static List<JsonElement> Canvases(JsonElement manifest)
    {
        IEnumerable<JsonElement> nodes = [];
        if (manifest.TryGetProperty("items", out var items))
        {
            nodes = All(items);
        }
        else if (manifest.TryGetProperty("sequences", out var sequences))
        {
            var first = All(sequences).FirstOrDefault();
            if (first.ValueKind == JsonValueKind.Object && first.TryGetProperty("canvases", out var canvases))
            {
                nodes = All(canvases);
            }
        }

        return [.. nodes.Where(HasId)];
    }

    public static int TextAnnotationsInManifest(JsonElement manifest)
    {
        var count = 0;
        foreach (var canvas in Canvases(manifest))
        {
            foreach (var name in new[] { "items", "content", "annotations", "otherContent" })
            {
                if (canvas.TryGetProperty(name, out var pages))
                {
                    count += All(pages).Sum(TextAnnotationsInPage);
                }
            }
        }

        foreach (var name in new[] { "annotations", "otherContent" })
        {
            if (manifest.TryGetProperty(name, out var pages))
            {
                count += All(pages).Sum(TextAnnotationsInPage);
                break;
            }
        }

        return count;
    }

    public static int TextAnnotationsInContainer(JsonElement root, string type)
    {
        if (type == "Annotation")
        {
            return HasText(root) ? 1 : 0;
        }

        var count = TextAnnotationsInPage(root);
        foreach (var name in new[] { "otherContent", "first", "last" })
        {
            if (root.TryGetProperty(name, out var pages))
            {
                count += All(pages).Sum(TextAnnotationsInPage);
            }
        }

        return count;
    }

    public static int Members(JsonElement collection)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, implied) in new[] { ("items", (string?)null), ("members", null), ("collections", "Collection"), ("manifests", "Manifest") })
        {
            if (!collection.TryGetProperty(name, out var list))
            {
                continue;
            }

            foreach (var m in All(list))
            {
                var type = TypeOf(m) ?? implied;
                if (type is "Manifest" or "Collection" && IdOf(m) is { } id)
                {
                    ids.Add(id);
                }
            }
        }

        return ids.Count;
    }

    public static int Activities(JsonElement page)
    {
        if (!page.TryGetProperty("orderedItems", out var items) && !page.TryGetProperty("items", out items))
        {
            return 0;
        }

        return All(items).Count(a => TypeOf(a) == "Refresh" || (a.ValueKind == JsonValueKind.Object && a.TryGetProperty("object", out var o) && IdOf(o) is not null));
    }

    public static int Terms(JsonElement list) =>
        list.TryGetProperty("terms", out var terms) || list.TryGetProperty("items", out terms)
            ? All(terms).Count(t => t.ValueKind == JsonValueKind.Object && (t.TryGetProperty("match", out _) || t.TryGetProperty("value", out _)))
            : 0;

    private static int TextAnnotationsInPage(JsonElement page)
    {
        if (page.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }

        var count = 0;
        foreach (var name in new[] { "items", "resources" })
        {
            if (page.TryGetProperty(name, out var annotations))
            {
                count += All(annotations).Count(HasText);
                break;
            }
        }

        return count;
    }

    private static bool HasText(JsonElement annotation)
    {
        if (annotation.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        return (annotation.TryGetProperty("body", out var body) || annotation.TryGetProperty("resource", out body)) && BodyHasText(body, 0);
    }

    private static bool BodyHasText(JsonElement body, int depth)
    {
        if (depth > 4)
        {
            return false;
        }

        if (body.ValueKind == JsonValueKind.Array)
        {
            return body.EnumerateArray().Any(b => BodyHasText(b, depth + 1));
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var name in new[] { "chars", "value" })
        {
            if (body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String)
            {
                var text = Tags().Replace(v.GetString()!, " ");
                return !string.IsNullOrWhiteSpace(System.Net.WebUtility.HtmlDecode(text));
            }
        }

        if (TypeOf(body) == "Choice")
        {
            return new[] { "default", "items", "item" }.Any(n => body.TryGetProperty(n, out var c) && BodyHasText(c, depth + 1));
        }

        return (body.TryGetProperty("source", out var source) || body.TryGetProperty("full", out source))
            && source.ValueKind == JsonValueKind.Object && BodyHasText(source, depth + 1);
    }

    private static IEnumerable<JsonElement> All(JsonElement e) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : e.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? [] : [e];

    private static bool HasId(JsonElement e) => IdOf(e) is not null;

    private static string? IdOf(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return e.GetString();
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in new[] { "id", "@id" })
        {
            if (e.TryGetProperty(name, out var id) && id.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(id.GetString()))
            {
                return id.GetString();
            }
        }

        return null;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}
