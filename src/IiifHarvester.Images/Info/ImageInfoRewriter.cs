using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>
/// Rewrites an upstream info.json for our clients: its <c>id</c>/<c>@id</c> becomes our public URL (3.0 §5.2: it must
/// be the URL the client used, minus <c>/info.json</c>), and, when we serve more than the upstream (level 0 upgraded),
/// the profile and limits say what we really serve. Everything else (rights, attribution, license, logo, services,
/// tiles, sizes) is kept as the upstream published it.
/// </summary>
public static class ImageInfoRewriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = false };

    /// <summary>Rewrites <paramref name="upstreamJson"/>.</summary>
    public static byte[] Rewrite(ReadOnlySpan<byte> upstreamJson, string publicId, ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        var root = JsonNode.Parse(upstreamJson) as JsonObject ?? throw new FormatException("info.json is not a JSON object.");
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

        if (caps.Level != caps.UpstreamLevel)
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

        return JsonSerializer.SerializeToUtf8Bytes(root, Indented);
    }

    /// <summary>The compliance profile URI for the <c>Link: rel="profile"</c> header.</summary>
    public static string ProfileUri(ImageCapabilities caps)
    {
        ArgumentNullException.ThrowIfNull(caps);
        return caps.Version == ImageApiVersion.V3
            ? $"http://iiif.io/api/image/3/level{caps.Level}.json"
            : $"http://iiif.io/api/image/2/level{caps.Level}.json";
    }

    private static void RewriteProfile3(JsonObject root, ImageCapabilities caps)
    {
        // 3.0 §5.3: level2 implies regionByPct, sizeByConfinedWh, rotationBy90s, color, gray, png and the level 1 set;
        // extras are listed.
        root["profile"] = "level" + caps.Level;
        root.Remove("maxWidth");
        root.Remove("maxHeight");
        root["maxArea"] = caps.MaxArea;
        root["extraFeatures"] = new JsonArray(["mirroring", "rotationArbitrary", "sizeUpscaling", "regionSquare", "canonicalLinkHeader", "profileLinkHeader", "cors", "jsonldMediaType", "baseUriRedirect"]);
        root["extraQualities"] = new JsonArray(["bitonal"]);
        root["extraFormats"] = new JsonArray(caps.Formats.Where(f => f is not ("jpg" or "png")).Order(StringComparer.Ordinal).Select(f => (JsonNode?)f).ToArray());
    }

    private static void RewriteProfile2(JsonObject root, ImageCapabilities caps)
    {
        // 2.1 §5.3: the first item is the level URI; an object lists formats, qualities, supports and limits.
        var extras = new JsonObject
        {
            ["formats"] = new JsonArray(caps.Formats.Order(StringComparer.Ordinal).Select(f => (JsonNode?)f).ToArray()),
            ["qualities"] = new JsonArray(caps.Qualities.Order(StringComparer.Ordinal).Select(q => (JsonNode?)q).ToArray()),
            ["supports"] = new JsonArray(["baseUriRedirect", "canonicalLinkHeader", "cors", "jsonldMediaType", "mirroring", "profileLinkHeader",
                "regionByPct", "regionByPx", "regionSquare", "rotationArbitrary", "rotationBy90s", "sizeAboveFull", "sizeByConfinedWh",
                "sizeByDistortedWh", "sizeByH", "sizeByPct", "sizeByW", "sizeByWh"]),
            ["maxArea"] = caps.MaxArea,
        };
        root["profile"] = new JsonArray(ProfileUri(caps), extras);
    }
}
