using System.Text.Json;
using System.Text.Json.Nodes;
using IiifHarvester.Iiif.Parsing;
using IiifHarvester.Images.Requests;

namespace IiifHarvester.Images.Info;

/// <summary>Reads an upstream info.json (2.x or 3.0) into <see cref="ImageInfo"/>.</summary>
public static class ImageInfoParser
{
    /// <summary>Parses the document; throws <see cref="FormatException"/> when it is not a usable info.json.</summary>
    public static ImageInfo Parse(ReadOnlySpan<byte> json)
    {
        JsonObject root;
        try
        {
            root = JsonTree.Parse(json, new JsonDocumentOptions { MaxDepth = 64 }) as JsonObject
                ?? throw new FormatException("info.json is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new FormatException("info.json is not valid JSON.", ex);
        }

        return Parse(root);
    }

    /// <summary>Parses an already loaded document.</summary>
    public static ImageInfo Parse(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var version = DetectVersion(root);
        var version1 = version == ImageApiVersion.V2 && IsVersion1(root);
        // 1.0 §5 names the image by its bare identifier, not a URI; we never use the value, only need one.
        var id = (version == ImageApiVersion.V3 ? GetString(root, "id") ?? GetString(root, "@id") : GetString(root, "@id") ?? GetString(root, "id"))
            ?? (version1 ? GetString(root, "identifier") : null)
            ?? throw new FormatException("info.json has no id.");
        var width = GetInt(root, "width") ?? throw new FormatException("info.json has no width.");
        var height = GetInt(root, "height") ?? throw new FormatException("info.json has no height.");
        if (width <= 0 || height <= 0)
        {
            throw new FormatException("info.json has a zero or negative size.");
        }

        var features = new HashSet<string>(StringComparer.Ordinal);
        var qualities = new HashSet<string>(StringComparer.Ordinal);
        var formats = new HashSet<string>(StringComparer.Ordinal);
        int level;
        int? maxWidth, maxHeight;
        long? maxArea;
        if (version == ImageApiVersion.V3)
        {
            level = LevelOf(GetString(root, "profile"));
            maxWidth = GetInt(root, "maxWidth");
            maxHeight = GetInt(root, "maxHeight");
            maxArea = GetLong(root, "maxArea");
            AddStrings(root["extraFeatures"], features);
            AddStrings(root["extraQualities"], qualities);
            AddStrings(root["extraFormats"], formats);
            AddStrings(root["preferredFormats"], formats);
        }
        else
        {
            // 2.1 §5.2: profile is a list whose first item is the compliance level URI, then objects of extras.
            level = 0;
            maxWidth = maxHeight = null;
            maxArea = null;
            var profile = root["profile"];
            var items = profile is JsonArray array ? array.ToList() : [profile];
            foreach (var item in items)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var uri))
                {
                    level = Math.Max(level, LevelOf(uri));
                }
                else if (item is JsonObject extras)
                {
                    AddStrings(extras["supports"], features);
                    AddStrings(extras["qualities"], qualities);
                    AddStrings(extras["formats"], formats);
                    maxWidth ??= GetInt(extras, "maxWidth");
                    maxHeight ??= GetInt(extras, "maxHeight");
                    maxArea ??= GetLong(extras, "maxArea");
                }
            }

            if (version1)
            {
                // 1.1 §5: qualities and formats are listed at the top, in 1.x names.
                AddStrings(root["qualities"], qualities);
                AddStrings(root["formats"], formats);
            }

            // 2.x names for the same features.
            if (features.Remove("sizeAboveFull"))
            {
                features.Add("sizeUpscaling");
            }

            if (features.Contains("sizeByForcedWh"))
            {
                features.Add("sizeByDistortedWh");
            }

            // 1.x names (some 2.0 services still list native).
            foreach (var quality in qualities.Where(q => q is "native" or "grey").ToList())
            {
                qualities.Remove(quality);
                qualities.Add(Version1Paths.QualityAsVersion2(quality));
            }
        }

        return new ImageInfo
        {
            Version = version,
            Version1 = version1,
            Id = id,
            Width = width,
            Height = height,
            Level = level,
            MaxWidth = maxWidth,
            MaxHeight = maxHeight,
            MaxArea = maxArea,
            ExtraFeatures = features,
            ExtraQualities = qualities,
            ExtraFormats = formats,
            Tiles = ParseTiles(root["tiles"] ?? Tiles11(root)),
            Sizes = ParseSizes(root["sizes"]),
            HasAuthServices = NamesAuthService(root["service"]),
        };
    }

    /// <summary>The version a document is written in: its context, else its shape.</summary>
    public static ImageApiVersion DetectVersion(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var contexts = new List<string>();
        AddStrings(root["@context"], contexts);
        if (contexts.Any(c => c.Contains("iiif.io/api/image/3", StringComparison.Ordinal)))
        {
            return ImageApiVersion.V3;
        }

        if (contexts.Any(c => c.Contains("iiif.io/api/image/2", StringComparison.Ordinal) || c.Contains("iiif.io/api/image/1", StringComparison.Ordinal)))
        {
            return ImageApiVersion.V2;
        }

        return GetString(root, "type") == "ImageService3" || root.ContainsKey("id") ? ImageApiVersion.V3 : ImageApiVersion.V2;
    }

    /// <summary>
    /// Whether a document is Image API 1.x: a 1.0 or 1.1 context (<c>library.stanford.edu/iiif/image-api</c>, or
    /// <c>iiif.io/api/image/1</c>), or with no context a 1.x compliance profile or 1.0's <c>identifier</c>.
    /// </summary>
    public static bool IsVersion1(JsonObject root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var contexts = new List<string>();
        AddStrings(root["@context"], contexts);
        if (contexts.Count == 0)
        {
            // 1.0 §5: no @context, the image named by identifier (not @id), the profile optional.
            if (root.ContainsKey("identifier") && !root.ContainsKey("@id") && !root.ContainsKey("id"))
            {
                return true;
            }

            AddStrings(root["profile"], contexts);
        }

        return contexts.Any(c => c.Contains("library.stanford.edu/iiif/image-api", StringComparison.Ordinal)
            || c.Contains("iiif.io/api/image/1/", StringComparison.Ordinal));
    }

    private static int LevelOf(string? profile)
    {
        if (profile is null)
        {
            return 0;
        }

        var i = profile.LastIndexOf("level", StringComparison.Ordinal);
        return i >= 0 && i + 5 < profile.Length && profile[i + 5] is >= '0' and <= '2' ? profile[i + 5] - '0' : 0;
    }

    private static List<TileSpec> ParseTiles(JsonNode? node)
    {
        var tiles = new List<TileSpec>();
        if (node is not JsonArray array)
        {
            return tiles;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var w = GetInt(item, "width");
            if (w is not > 0)
            {
                continue;
            }

            var h = GetInt(item, "height") ?? w.Value;
            var factors = item["scaleFactors"] is JsonArray sf
                ? sf.Select(f => f is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0).Where(n => n > 0).Distinct().Order().ToList()
                : [1];
            if (h > 0 && factors.Count > 0)
            {
                tiles.Add(new TileSpec(w.Value, h, factors));
            }
        }

        return tiles;
    }

    /// <summary>1.1 §5: one tile size, as <c>tile_width</c>, <c>tile_height</c> and <c>scale_factors</c>, in 2.x form.</summary>
    private static JsonArray? Tiles11(JsonObject root) => root["tile_width"] is { } width
        ? [new JsonObject { ["width"] = width.DeepClone(), ["height"] = root["tile_height"]?.DeepClone(), ["scaleFactors"] = root["scale_factors"]?.DeepClone() }]
        : null;

    private static List<ImageSize> ParseSizes(JsonNode? node)
    {
        var sizes = new List<ImageSize>();
        if (node is JsonArray array)
        {
            foreach (var item in array.OfType<JsonObject>())
            {
                if (GetInt(item, "width") is > 0 and var w && GetInt(item, "height") is > 0 and var h)
                {
                    sizes.Add(new ImageSize(w, h));
                }
            }
        }

        return sizes;
    }

    private static bool NamesAuthService(JsonNode? node)
    {
        var services = node switch
        {
            JsonArray a => a.OfType<JsonObject>().ToList(),
            JsonObject o => [o],
            _ => [],
        };
        foreach (var service in services)
        {
            var profile = GetString(service, "profile") ?? string.Empty;
            var type = GetString(service, "type") ?? GetString(service, "@type") ?? string.Empty;
            var context = service["@context"]?.ToJsonString() ?? string.Empty;
            // IIIF Auth 1.0 services are known by profile/context, 2.0 by type (AuthProbeService2, AuthAccessService2).
            if (profile.Contains("iiif.io/api/auth/", StringComparison.Ordinal)
                || context.Contains("iiif.io/api/auth/", StringComparison.Ordinal)
                || type.StartsWith("Auth", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static void AddStrings(JsonNode? node, ICollection<string> into)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        into.Add(s);
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var single):
                into.Add(single);
                break;
        }
    }

    private static string? GetString(JsonObject o, string name)
        => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? GetInt(JsonObject o, string name)
    {
        var l = GetLong(o, name);
        return l is >= 0 and <= int.MaxValue ? (int)l.Value : null;
    }

    private static long? GetLong(JsonObject o, string name)
    {
        if (o[name] is not JsonValue v)
        {
            return null;
        }

        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<double>(out var d) && d is >= 0 and < long.MaxValue)
        {
            return (long)d;
        }

        // Some servers quote their numbers.
        return v.TryGetValue<string>(out var s) && long.TryParse(s, out var parsed) ? parsed : null;
    }
}
