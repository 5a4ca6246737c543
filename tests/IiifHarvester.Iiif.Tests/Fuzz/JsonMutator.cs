using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IiifHarvester.Iiif.Tests.Fuzz;

/// <summary>
/// Mutates documents the way broken publishers and hostile inputs do: at the byte level (flips, cuts, inserted
/// structural characters, invalid UTF-8) and at the JSON level (a node replaced by a value of another type,
/// removed, wrapped in an array, or duplicated elsewhere). Seeded, so a failure is reproducible.
/// </summary>
internal sealed class JsonMutator(int seed)
{
    private static readonly byte[] Structural = "{}[]\",:\\ 0-e.tnf@#<>&"u8.ToArray();

    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null,
        _ => JsonValue.Create(true),
        r => JsonValue.Create(r.Next(-3, 5)),
        _ => JsonValue.Create(1e308),
        _ => JsonValue.Create(-0.5),
        _ => JsonValue.Create(string.Empty),
        _ => JsonValue.Create("   "),
        _ => JsonValue.Create("two"),
        _ => JsonValue.Create("http://example.org/x#xywh=1,2,3,4"),
        _ => JsonValue.Create("#xywh=-1,a,,"),
        _ => JsonValue.Create("<script>alert(1)</script><b onclick=x>t</b>"),
        _ => JsonValue.Create("xywh=percent:10,10,10,10"),
        _ => new JsonArray(),
        _ => new JsonObject(),
        _ => new JsonArray(JsonValue.Create(1), null, new JsonObject()),
        _ => new JsonObject { ["@id"] = 5, ["type"] = new JsonArray() },
        _ => new JsonObject { ["id"] = "relative/x", ["type"] = "Canvas", ["items"] = "nope" },
        _ => new JsonObject { ["type"] = "Choice", ["items"] = new JsonArray(new JsonObject { ["type"] = "Choice" }) },
        _ => new JsonObject { ["type"] = "SpecificResource", ["source"] = 3, ["selector"] = new JsonObject { ["type"] = "SvgSelector", ["value"] = "<path d='M 1 2 L x'/>" } },
        _ => new JsonObject { ["en"] = new JsonArray(1, null, "x"), ["@none"] = "y" },
        _ => new JsonObject { ["@value"] = new JsonArray(), ["@language"] = 3 },
    ];

    private readonly Random _random = new(seed);

    public byte[] MutateBytes(byte[] input)
    {
        var bytes = new List<byte>(input);
        var edits = _random.Next(1, 4);
        for (var e = 0; e < edits && bytes.Count > 0; e++)
        {
            var at = _random.Next(bytes.Count);
            switch (_random.Next(6))
            {
                case 0:
                    bytes[at] = (byte)_random.Next(256);
                    break;
                case 1:
                    bytes.RemoveRange(at, Math.Min(_random.Next(1, 64), bytes.Count - at));
                    break;
                case 2:
                    bytes.Insert(at, Structural[_random.Next(Structural.Length)]);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    var length = Math.Min(_random.Next(1, 200), bytes.Count - at);
                    bytes.InsertRange(_random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.Insert(at, (byte)_random.Next(0x80, 0x100));
                    break;
            }
        }

        return [.. bytes];
    }

    public byte[]? MutateStructure(byte[] input)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(input, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException)
        {
            return null;
        }

        if (root is null)
        {
            return null;
        }

        var nodes = new List<JsonNode>();
        Collect(root, nodes, 0);
        var edits = _random.Next(1, 6);
        for (var e = 0; e < edits && nodes.Count > 1; e++)
        {
            var node = nodes[_random.Next(1, nodes.Count)];
            var parent = node.Parent;
            if (parent is null)
            {
                continue;
            }

            var replacement = _random.Next(5) switch
            {
                0 => null,
                1 => new JsonArray(node.DeepClone()),
                2 => nodes[_random.Next(nodes.Count)].DeepClone(),
                _ => Values[_random.Next(Values.Length)](_random),
            };
            Replace(parent, node, replacement, remove: _random.Next(6) == 0);
        }

        return Encoding.UTF8.GetBytes(root.ToJsonString());
    }

    private void Collect(JsonNode node, List<JsonNode> into, int depth)
    {
        into.Add(node);
        if (depth > 40 || into.Count > 4000)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is not null)
                    {
                        Collect(child, into, depth + 1);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        Collect(child, into, depth + 1);
                    }
                }

                break;
        }
    }

    private static void Replace(JsonNode parent, JsonNode node, JsonNode? replacement, bool remove)
    {
        if (parent is JsonObject obj)
        {
            var key = obj.First(p => ReferenceEquals(p.Value, node)).Key;
            if (remove)
            {
                obj.Remove(key);
            }
            else
            {
                obj[key] = replacement;
            }
        }
        else if (parent is JsonArray array)
        {
            var index = array.IndexOf(node);
            if (remove)
            {
                array.RemoveAt(index);
            }
            else
            {
                array[index] = replacement;
            }
        }
    }
}
