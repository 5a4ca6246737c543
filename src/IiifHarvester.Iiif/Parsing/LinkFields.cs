using System.Runtime.InteropServices;
using System.Text.Json;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>The properties of a link or a service, found in one pass (see <see cref="CanvasFields"/>).</summary>
internal struct LinkFields
{
    public JsonElement Id, Type, Label, Format, Profile, ConformsTo, Context, Language, Service, Services;

    public static LinkFields Of(JsonElement node)
    {
        var f = default(LinkFields);
        foreach (var property in node.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            switch (name.Length)
            {
                case 2 when name.SequenceEqual("id"u8):
                    f.Id = value;
                    break;
                case 3 when name.SequenceEqual("@id"u8) && f.Id.ValueKind == JsonValueKind.Undefined:
                    f.Id = value;
                    break;
                case 4 when name.SequenceEqual("type"u8):
                    f.Type = value;
                    break;
                case 5 when name.SequenceEqual("@type"u8) && f.Type.ValueKind == JsonValueKind.Undefined:
                    f.Type = value;
                    break;
                case 5 when name.SequenceEqual("label"u8):
                    f.Label = value;
                    break;
                case 6 when name.SequenceEqual("format"u8):
                    f.Format = value;
                    break;
                case 7 when name.SequenceEqual("profile"u8):
                    f.Profile = value;
                    break;
                case 18 when name.SequenceEqual("dcterms:conformsTo"u8):
                    f.ConformsTo = value;
                    break;
                case 8 when name.SequenceEqual("@context"u8):
                    f.Context = value;
                    break;
                case 8 when name.SequenceEqual("language"u8):
                    f.Language = value;
                    break;
                case 7 when name.SequenceEqual("service"u8):
                    f.Service = value;
                    break;
                case 8 when name.SequenceEqual("services"u8):
                    f.Services = value;
                    break;
            }
        }

        return f;
    }

    /// <summary>The first string of a one-or-many value (profile, format, context).</summary>
    public static string? First(JsonElement value)
    {
        foreach (var item in Json.Many(value))
        {
            if (CommonStrings.Of(item) is { } s)
            {
                return s;
            }
        }

        return null;
    }
}
