using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>
/// Writes an upstream's info.json for our clients in the version they asked for: its <c>id</c>/<c>@id</c> becomes our
/// public URL (3.0 §5.2: the URL the client used, minus <c>/info.json</c>), and the profile and limits say what we
/// really serve (level 2 and its extras, made locally where the upstream cannot). In the upstream's own version every
/// other property (rights, attribution, license, logo, services, tiles, sizes) is kept as published; in the other
/// version the document is written afresh in that version's terms (3.0 <c>rights</c> ↔ 2.x <c>license</c>), keeping
/// services, tiles and sizes; so is a 1.x document, which we answer in 2.x.
/// </summary>
public static class ImageInfoRewriter
{
    private const string Context2 = "http://iiif.io/api/image/2/context.json";
    private const string Context3 = "http://iiif.io/api/image/3/context.json";
    private const string Protocol = "http://iiif.io/api/image";

    /// <summary>Rewrites <paramref name="upstreamJson"/>.</summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> upstreamJson, string publicId, ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var upstream = JsonTree.Parse(upstreamJson) as JsonObject ?? throw new FormatException("info.json is not a JSON object.");
        // A 1.x document is read as 2.x and answered in 2.x syntax only; left in its 1.x context, viewers would ask
        // for 1.x URLs (OpenSeadragon: native.jpg), so it is written afresh in 2.x terms.
        var translate = caps.Version != caps.UpstreamVersion || ImageInfoParser.IsVersion1(upstream);
        var root = translate ? Translate(upstream, caps) : upstream;
        if (caps.Version == ImageApiVersion.V3)
        {
            root.Remove("@id");
            root["id"] = publicId;
        }
        else
        {
            root.Remove("id");
            root["@id"] = publicId;
        }

        if (caps.ComposesLocally || translate)
        {
            if (caps.Version == ImageApiVersion.V3)
            {
                RewriteProfile3(root, caps);
            }
            else
            {
                RewriteProfile2(root, caps);
            }
        }

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }

    /// <summary>The compliance profile URI for the <c>Link: rel="profile"</c> header.</summary>
    public static string ProfileUri(ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        return caps.Version == ImageApiVersion.V3
            ? $"http://iiif.io/api/image/3/level{caps.Level}.json"
            : $"http://iiif.io/api/image/2/level{caps.Level}.json";
    }

    /// <summary>The other version's document: identity, size, tiles, sizes, services and rights carried over.</summary>
    private static JsonObject Translate(JsonObject upstream, ImageCapabilities caps)
    {
        JsonObject root;
        if (caps.Version == ImageApiVersion.V3)
        {
            root = new JsonObject { ["@context"] = Context3, ["id"] = null, ["type"] = "ImageService3", ["protocol"] = Protocol, ["profile"] = null };
            if (FirstString(upstream["license"]) is { } license && Uri.IsWellFormedUriString(license, UriKind.Absolute))
            {
                // 3.0 §5.7: rights is one URI (2.x license may be a list).
                root["rights"] = license;
            }
        }
        else
        {
            root = new JsonObject { ["@context"] = Context2, ["@id"] = null, ["protocol"] = Protocol, ["profile"] = null };
            if (FirstString(upstream["rights"]) is { } rights)
            {
                root["license"] = rights;
            }
        }

        root["width"] = caps.Width;
        root["height"] = caps.Height;
        foreach (var name in new[] { "sizes", "tiles", "service", "seeAlso" })
        {
            if (upstream[name] is { } value)
            {
                root[name] = value.DeepClone();
            }
        }

        if (root["tiles"] is null && caps.Tiles.Count > 0)
        {
            // 1.1 §5: its one tile size (tile_width, tile_height, scale_factors), as a tiles entry.
            root["tiles"] = new JsonArray(caps.Tiles.Select(t => (JsonNode?)new JsonObject
            {
                ["width"] = t.Width,
                ["height"] = t.Height,
                ["scaleFactors"] = new JsonArray(t.ScaleFactors.Select(f => (JsonNode?)f).ToArray()),
            }).ToArray());
        }

        // 3.0 §5.5, §5.6: sizes and tiles entries are typed; 2.x has no type.
        TypeEntries(root["sizes"], caps.Version == ImageApiVersion.V3 ? "Size" : null);
        TypeEntries(root["tiles"], caps.Version == ImageApiVersion.V3 ? "Tile" : null);
        return root;
    }

    private static void TypeEntries(JsonNode? list, string? type)
    {
        foreach (var entry in (list as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            entry.Remove("type");
            entry.Remove("@type");
            if (type is not null)
            {
                entry["type"] = type;
            }
        }
    }

    private static string? FirstString(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonArray { Count: > 0 } a => FirstString(a[0]),
        _ => null,
    };

    private static void WriteLimits(JsonObject into, ImageCapabilities caps)
    {
        foreach (var (name, value) in new[] { ("maxWidth", (long?)caps.MaxWidth), ("maxHeight", caps.MaxHeight), ("maxArea", caps.MaxArea) })
        {
            into.Remove(name);
            if (value is { } v)
            {
                into[name] = v;
            }
        }
    }

    private static void RewriteProfile3(JsonObject root, ImageCapabilities caps)
    {
        // 3.0 §5.3 and compliance: level2 implies regionByPx, regionByPct, regionSquare, sizeByW, sizeByH, sizeByPct,
        // sizeByConfinedWh, sizeByWh, rotationBy90s, color, gray, jpg and png; the rest is listed as extras.
        root["profile"] = "level" + caps.Level;
        WriteLimits(root, caps);
        root.Remove("extraFeatures");
        root.Remove("extraQualities");
        root.Remove("extraFormats");
        if (!caps.ComposesLocally)
        {
            return;
        }

        root["extraFeatures"] = new JsonArray(["mirroring", "rotationArbitrary", "sizeUpscaling", "canonicalLinkHeader", "profileLinkHeader", "cors", "jsonldMediaType", "baseUriRedirect"]);
        root["extraQualities"] = new JsonArray(["bitonal"]);
        root["extraFormats"] = new JsonArray(caps.Formats.Where(f => f is not ("jpg" or "png")).Order(StringComparer.Ordinal).Select(f => (JsonNode?)f).ToArray());
    }

    private static void RewriteProfile2(JsonObject root, ImageCapabilities caps)
    {
        // 2.1 §5.3: the first item is the level URI; an object lists formats, qualities, supports and limits.
        var extras = new JsonObject();
        if (caps.ComposesLocally)
        {
            extras["formats"] = new JsonArray(caps.Formats.Order(StringComparer.Ordinal).Select(f => (JsonNode?)f).ToArray());
            extras["qualities"] = new JsonArray(caps.Qualities.Order(StringComparer.Ordinal).Select(q => (JsonNode?)q).ToArray());
            extras["supports"] = new JsonArray(["baseUriRedirect", "canonicalLinkHeader", "cors", "jsonldMediaType", "mirroring", "profileLinkHeader",
                "regionByPct", "regionByPx", "regionSquare", "rotationArbitrary", "rotationBy90s", "sizeAboveFull", "sizeByConfinedWh",
                "sizeByDistortedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh"]);
        }

        WriteLimits(extras, caps);
        root.Remove("maxWidth");
        root.Remove("maxHeight");
        root.Remove("maxArea");
        root["profile"] = extras.Count > 0 ? new JsonArray(ProfileUri(caps), extras) : new JsonArray(ProfileUri(caps));
    }
}
