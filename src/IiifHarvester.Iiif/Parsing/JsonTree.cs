using System.Text.Json;
using System.Text.Json.Nodes;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Parses published JSON into a mutable tree, reading an object that names a property twice as browsers'
/// <c>JSON.parse</c> (and <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/>, which the parser uses)
/// do: the last value is kept, at the first one's place. <see cref="JsonNode.Parse(ReadOnlySpan{byte}, JsonNodeOptions?, JsonDocumentOptions)"/>
/// throws <see cref="ArgumentException"/> for such an object, lazily, wherever the tree is first walked; published
/// documents do repeat names (a hand-edited manifest with two <c>label</c>s, the Presentation 3 schema's two
/// <c>$comment</c>s).
/// </summary>
public static class JsonTree
{
    /// <summary>The tree of <paramref name="utf8"/>; throws <see cref="JsonException"/> when it is not one JSON value.</summary>
    public static JsonNode? Parse(ReadOnlySpan<byte> utf8, JsonDocumentOptions options = default)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions
        {
            AllowTrailingCommas = options.AllowTrailingCommas,
            CommentHandling = options.CommentHandling,
            MaxDepth = options.MaxDepth,
        });

        // A document of its own (not pooled), which the tree's values may refer to after this returns.
        var root = JsonElement.ParseValue(ref reader);
        if (reader.Read())
        {
            throw new JsonException($"'{(char)utf8[(int)reader.TokenStartIndex]}' after the end of the JSON value, at byte {reader.TokenStartIndex}.");
        }

        return Node(root);
    }

    private static JsonNode? Node(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    // The indexer replaces a repeated name's value where it stands.
                    obj[property.Name] = Node(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(Node(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element);
        }
    }
}
