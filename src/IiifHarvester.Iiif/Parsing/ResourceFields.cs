using System.Runtime.InteropServices;
using System.Text.Json;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The properties of a painting annotation and of its image resource, found in one pass each (thousands per
/// manifest; see <see cref="CanvasFields"/>).
/// </summary>
internal struct ResourceFields
{
    public JsonElement Id, Type, Format, Width, Height, Service, Default, Items, Item, Source, Full, Value, Chars, Motivation, On, Target, Resource, Body;

    public static ResourceFields Of(JsonElement node)
    {
        var f = default(ResourceFields);
        if (node.ValueKind != JsonValueKind.Object)
        {
            return f;
        }

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
                case 2 when name.SequenceEqual("on"u8):
                    f.On = value;
                    break;
                case 3 when name.SequenceEqual("@id"u8) && f.Id.ValueKind == JsonValueKind.Undefined:
                    f.Id = value;
                    break;
                case 4 when name.SequenceEqual("type"u8):
                    f.Type = value;
                    break;
                case 4 when name.SequenceEqual("item"u8):
                    f.Item = value;
                    break;
                case 4 when name.SequenceEqual("full"u8):
                    f.Full = value;
                    break;
                case 4 when name.SequenceEqual("body"u8):
                    f.Body = value;
                    break;
                case 5 when name.SequenceEqual("@type"u8) && f.Type.ValueKind == JsonValueKind.Undefined:
                    f.Type = value;
                    break;
                case 5 when name.SequenceEqual("width"u8):
                    f.Width = value;
                    break;
                case 5 when name.SequenceEqual("items"u8):
                    f.Items = value;
                    break;
                case 5 when name.SequenceEqual("value"u8):
                    f.Value = value;
                    break;
                case 5 when name.SequenceEqual("chars"u8):
                    f.Chars = value;
                    break;
                case 6 when name.SequenceEqual("height"u8):
                    f.Height = value;
                    break;
                case 6 when name.SequenceEqual("format"u8):
                    f.Format = value;
                    break;
                case 6 when name.SequenceEqual("source"u8):
                    f.Source = value;
                    break;
                case 6 when name.SequenceEqual("target"u8):
                    f.Target = value;
                    break;
                case 7 when name.SequenceEqual("service"u8):
                    f.Service = value;
                    break;
                case 7 when name.SequenceEqual("default"u8):
                    f.Default = value;
                    break;
                case 8 when name.SequenceEqual("resource"u8):
                    f.Resource = value;
                    break;
                case 10 when name.SequenceEqual("motivation"u8):
                    f.Motivation = value;
                    break;
            }
        }

        return f;
    }
}
