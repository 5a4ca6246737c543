using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.TestUtilities.Corpus;

namespace IiifHarvester.EndToEnd.Tests.Schema;

/// <summary>One corpus file: where it is (relative to the corpus), its id, its root type and its text as rendered.</summary>
internal sealed record CorpusDocument(string File, string Id, string Type, string Text)
{
    private static readonly HashSet<string> Vocabulary = new(StringComparer.Ordinal)
    {
        "@context", "profile", "rights", "license", "conformsTo", "dcterms:conformsTo", "@type", "type", "protocol",
        "motivation", "format", "language", "behavior", "viewingHint", "viewingDirection", "label", "summary", "metadata",
        "requiredStatement", "description", "attribution", "value", "chars",
    };

    private static readonly Lazy<Dictionary<string, string>> SourcePaths = new(ReadSourcePaths);

    /// <summary>Whether it declares the Presentation 3 context.</summary>
    public bool IsPresentation3 => Text.Contains("iiif.io/api/presentation/3/context.json", StringComparison.Ordinal);

    public static CorpusDocument? Read(string file)
    {
        var text = Encoding.UTF8.GetString(CorpusFiles.Read(file));
        if (text.Contains("{{ id.", StringComparison.Ordinal) && SourcePaths.Value.TryGetValue(file, out var sourcePath))
        {
            var url = "https://iiif.io/api/cookbook/" + sourcePath;
            text = text.Replace("{{ id.url }}", url, StringComparison.Ordinal)
                .Replace("{{ id.path }}", url[..url.LastIndexOf('/')], StringComparison.Ordinal);
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException)
        {
            return null;
        }

        // Trimmed: a cookbook recipe's id ends in a space, which the harvester's configuration does not keep.
        var id = ((string?)(root?["id"] as JsonValue) ?? (string?)(root?["@id"] as JsonValue))?.Trim();
        var type = (string?)(root?["type"] as JsonValue) ?? (string?)(root?["@type"] as JsonValue) ?? string.Empty;
        return id is not null && CorpusMirror.IsWebUrl(id) ? new CorpusDocument(file, id, type, text) : null;
    }

    /// <summary>The document as the site at <paramref name="root"/> publishes it.</summary>
    public string Published(string root)
    {
        var node = JsonNode.Parse(Text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip })!;
        return Move(node, null, root)!.ToJsonString();
    }

    private static JsonNode? Move(JsonNode? node, string? name, string root)
    {
        if (name is not null && Vocabulary.Contains(name))
        {
            return node;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    var moved = Move(value, key, root);
                    if (!ReferenceEquals(moved, value))
                    {
                        obj[key] = moved;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var moved = Move(array[i], name, root);
                    if (!ReferenceEquals(moved, array[i]))
                    {
                        array[i] = moved;
                    }
                }

                return array;
            case JsonValue value when value.TryGetValue<string>(out var text) && CorpusMirror.IsWebUrl(text):
                return JsonValue.Create(CorpusMirror.Moved(root, text));
            default:
                return node;
        }
    }

    private static Dictionary<string, string> ReadSourcePaths() =>
        System.IO.File.ReadAllLines(Path.Combine(CorpusFiles.Root, "SOURCES.tsv"))
            .Skip(1)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length > 2 && columns[0].StartsWith("corpus/", StringComparison.Ordinal))
            .ToDictionary(columns => columns[0]["corpus/".Length..], columns => columns[2], StringComparer.Ordinal);
}
