using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// Reads the linking properties (Presentation 3.0 §3.3, 2.1 §3.3): homepage/related, seeAlso, rendering,
/// thumbnail, logo, partOf/within, and the services and providers that hang off them.
/// </summary>
internal static class LinkReader
{
    /// <summary>Reads a linking property: one link, an array of links, or bare URI strings.</summary>
    public static IReadOnlyList<LinkedResource> Links(JsonElement node, ReadOnlySpan<byte> name, string propertyName, ReadContext context) =>
        Json.TryGet(node, name, out var value) ? LinksOf(value, propertyName, context) : [];

    /// <summary>Reads the value of a linking property.</summary>
    public static IReadOnlyList<LinkedResource> LinksOf(JsonElement value, string propertyName, ReadContext context)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        List<LinkedResource>? links = null;
        var index = 0;
        foreach (var item in Json.Many(value))
        {
            using var scope = context.Enter(propertyName, index++);
            if (Link(item, propertyName, context) is { } link)
            {
                (links ??= []).Add(link);
            }
        }

        return links is null ? [] : links;
    }

    /// <summary>Reads one link; null (with a warning) when it has no id.</summary>
    public static LinkedResource? Link(JsonElement item, string propertyName, ReadContext context)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            var bare = Json.NonEmpty(item.GetString());
            return bare is null ? null : new LinkedResource { Id = context.Resolve(bare.Trim()) };
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            context.Warn("link-not-object:" + propertyName, $"a {propertyName} entry is a {item.ValueKind.ToString().ToLowerInvariant()}; ignored");
            return null;
        }

        var id = Json.Id(item);
        if (id is null)
        {
            context.Warn("link-without-id:" + propertyName, $"a {propertyName} entry has no id; ignored");
            return null;
        }

        return new LinkedResource
        {
            Id = context.Resolve(id.Trim()),
            Type = NormalizeType(Json.Type(item)),
            Label = item.TryGetProperty("label"u8, out _) ? LanguageMapReader.Read(item, "label"u8, propertyName + ".label", context) : LanguageMap.Empty,
            Format = Json.FirstString(item, "format"u8),
            Profile = Json.FirstString(item, "profile"u8) ?? Json.FirstString(item, "dcterms:conformsTo"u8),
            Languages = Languages(item),
            Services = Services(item, context),
        };
    }

    /// <summary>Every service declared on <paramref name="node"/> (<c>service</c>, and v3 <c>services</c>).</summary>
    public static IReadOnlyList<ServiceReference> Services(JsonElement node, ReadContext context, int depth = 0)
    {
        List<ServiceReference>? services = null;
        ReadServices(node, "service"u8, "service", context, depth, ref services);
        if (depth == 0)
        {
            ReadServices(node, "services"u8, "services", context, depth, ref services);
        }

        return services is null ? [] : services;
    }

    /// <summary>The services held in a <c>service</c> value (one, an array, or bare strings).</summary>
    public static IReadOnlyList<ServiceReference> ServicesOf(JsonElement value, ReadContext context)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return [];
        }

        List<ServiceReference>? services = null;
        ReadServiceValue(value, "service", context, 0, ref services);
        return services is null ? [] : services;
    }

    /// <summary>Reads v3 <c>provider</c> agents.</summary>
    public static IReadOnlyList<Agent> Providers(JsonElement node, ReadContext context)
    {
        if (!Json.TryGet(node, "provider"u8, out var value))
        {
            return [];
        }

        var agents = new List<Agent>();
        var index = 0;
        foreach (var item in Json.Many(value))
        {
            using var scope = context.Enter("provider", index++);
            if (item.ValueKind != JsonValueKind.Object)
            {
                context.Warn("provider-not-object", "a provider is not an object; ignored");
                continue;
            }

            agents.Add(new Agent
            {
                Id = Json.Id(item) is { } id ? context.Resolve(id) : null,
                Label = LanguageMapReader.Read(item, "label"u8, "provider.label", context),
                Homepage = Links(item, "homepage"u8, "homepage", context),
                Logo = Links(item, "logo"u8, "logo", context),
                SeeAlso = Links(item, "seeAlso"u8, "seeAlso", context),
            });
        }

        return agents;
    }

    /// <summary>The v3 type name for a v2 (Dublin Core, FOAF, sc:) type.</summary>
    public static string? NormalizeType(string? type)
    {
        var bare = Json.Bare(type);
        return bare switch
        {
            null => null,
            "MovingImage" => "Video",
            "Document" or "ContentAsText" => "Text",
            _ => bare,
        };
    }

    private static void ReadServices(JsonElement node, ReadOnlySpan<byte> name, string propertyName, ReadContext context, int depth, ref List<ServiceReference>? into)
    {
        if (Json.TryGet(node, name, out var value))
        {
            ReadServiceValue(value, propertyName, context, depth, ref into);
        }
    }

    private static void ReadServiceValue(JsonElement value, string propertyName, ReadContext context, int depth, ref List<ServiceReference>? into)
    {
        if (value.ValueKind == JsonValueKind.Object && context.Version == IiifVersion.V3 && depth == 0)
        {
            context.Warn("service-not-array", $"{propertyName} is a single object, not an array (Presentation 3.0 §3.3.3)");
        }

        var index = 0;
        foreach (var item in Json.Many(value))
        {
            using var scope = context.Enter(propertyName, index++);
            if (Service(item, context, depth) is { } service)
            {
                (into ??= []).Add(service);
            }
        }
    }

    private static ServiceReference? Service(JsonElement item, ReadContext context, int depth)
    {
        if (item.ValueKind == JsonValueKind.String)
        {
            context.Warn("service-bare-string", "a service is a bare string; read as its id");
            var bare = Json.NonEmpty(item.GetString());
            return bare is null ? null : new ServiceReference { Id = context.Resolve(bare), Kind = ServiceClassifier.Classify(null, null, null) };
        }

        if (item.ValueKind != JsonValueKind.Object)
        {
            context.Warn("service-not-object", $"a service is a {item.ValueKind.ToString().ToLowerInvariant()}; ignored");
            return null;
        }

        var id = Json.Id(item);
        if (id is null)
        {
            context.Warn("service-without-id", "a service has no id");
        }

        var type = Json.Type(item);
        var profile = Json.FirstString(item, "profile"u8) ?? Json.FirstString(item, "dcterms:conformsTo"u8);
        var serviceContext = Json.FirstString(item, "@context"u8);
        return new ServiceReference
        {
            Id = id is null ? null : context.Resolve(id),
            Type = type,
            Profile = profile,
            Context = serviceContext,
            Services = depth < 4 ? Services(item, context, depth + 1) : [],
            Kind = ServiceClassifier.Classify(type, profile, serviceContext),
        };
    }

    private static IReadOnlyList<string> Languages(JsonElement item)
    {
        if (!Json.TryGet(item, "language"u8, out var value))
        {
            return [];
        }

        List<string>? languages = null;
        foreach (var l in Json.Many(value))
        {
            if (l.ValueKind == JsonValueKind.String && Json.NonEmpty(l.GetString()) is { } s)
            {
                (languages ??= []).Add(LanguageTags.Normalize(s));
            }
        }

        return languages is null ? [] : languages;
    }
}
