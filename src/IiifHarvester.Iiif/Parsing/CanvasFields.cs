using System.Runtime.InteropServices;
using System.Text.Json;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The properties of a canvas, found in one pass over it: a canvas is read for a dozen properties, most of them
/// absent, and a lookup per property would scan the object a dozen times (manifests hold thousands of canvases).
/// </summary>
internal struct CanvasFields
{
    public JsonElement Id, Type, Label, Width, Height, Duration, Images, Items, Content, Annotations, OtherContent, SeeAlso, Rendering, Thumbnail;

    public static CanvasFields Of(JsonElement node)
    {
        var f = default(CanvasFields);
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
                case 5 when name.SequenceEqual("width"u8):
                    f.Width = value;
                    break;
                case 5 when name.SequenceEqual("items"u8):
                    f.Items = value;
                    break;
                case 6 when name.SequenceEqual("height"u8):
                    f.Height = value;
                    break;
                case 6 when name.SequenceEqual("images"u8):
                    f.Images = value;
                    break;
                case 7 when name.SequenceEqual("content"u8):
                    f.Content = value;
                    break;
                case 7 when name.SequenceEqual("seeAlso"u8):
                    f.SeeAlso = value;
                    break;
                case 8 when name.SequenceEqual("duration"u8):
                    f.Duration = value;
                    break;
                case 9 when name.SequenceEqual("rendering"u8):
                    f.Rendering = value;
                    break;
                case 9 when name.SequenceEqual("thumbnail"u8):
                    f.Thumbnail = value;
                    break;
                case 11 when name.SequenceEqual("annotations"u8):
                    f.Annotations = value;
                    break;
                case 12 when name.SequenceEqual("otherContent"u8):
                    f.OtherContent = value;
                    break;
            }
        }

        return f;
    }
}
