using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace IiifHarvester.Iiif.Parsing;

/// <summary>
/// The values that recur on every canvas and annotation of a document (types, motivations, formats, Image API
/// profiles and contexts), returned as shared strings instead of one allocation per occurrence.
/// </summary>
internal static class CommonStrings
{
    private static readonly string[] Values =
    [
        "sc:Canvas", "Canvas", "sc:Manifest", "Manifest", "sc:Collection", "Collection", "sc:Sequence", "Sequence", "sc:Range", "Range",
        "oa:Annotation", "Annotation", "AnnotationPage", "sc:AnnotationList", "dctypes:Image", "dcTypes:Image", "dcterms:Image", "Image",
        "TextualBody", "cnt:ContentAsText", "dctypes:Text", "Text", "SpecificResource", "oa:SpecificResource", "FragmentSelector",
        "oa:FragmentSelector", "Choice", "oa:Choice", "ImageService2", "ImageService3", "Dataset", "Sound", "Video", "Agent",
        "sc:painting", "painting", "supplementing", "commenting", "oa:commenting", "tagging",
        "image/jpeg", "image/png", "image/tiff", "image/jp2", "text/plain", "text/html", "application/xml", "text/xml", "application/ld+json",
        "http://iiif.io/api/image/2/context.json", "http://iiif.io/api/image/3/context.json", "http://iiif.io/api/image/1/context.json",
        "http://iiif.io/api/image/2/level0.json", "http://iiif.io/api/image/2/level1.json", "http://iiif.io/api/image/2/level2.json",
        "http://iiif.io/api/image/2/profiles/level2.json", "http://iiif.io/api/image/1/level1.json", "http://iiif.io/api/image/1/level2.json",
        "https://iiif.io/api/image/2/level2.json", "level0", "level1", "level2",
        "http://library.stanford.edu/iiif/image-api/1.1/compliance.html#level2",
        "http://library.stanford.edu/iiif/image-api/1.1/conformance.html#level1",
        "http://www.loc.gov/standards/alto/v3/alto.xsd", "http://www.loc.gov/standards/alto/",
        "http://library.stanford.edu/iiif/image-api/1.1/context.json", "http://library.stanford.edu/iiif/image-api/compliance.html#level1",
        "http://library.stanford.edu/iiif/image-api/compliance.html#level2", "http://iiif.io/api/presentation/2/context.json",
        "http://iiif.io/api/presentation/3/context.json", "http://www.loc.gov/standards/mods/v3/mods-3-5.xsd", "image/jpg", "Audio",
        "Update", "Create", "Delete", "describing", "supplementing", "sc:Layer", "Layer", "AnnotationCollection",
        "paged", "individuals", "non-paged", "left-to-right", "right-to-left", "top", "en", "none",
    ];

    private static readonly (byte[] Utf8, string Value)[][] ByLength = Build();

    /// <summary>The string a JSON string value holds, shared when it is a common one; null when not a non-blank string.</summary>
    public static string? Of(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(value);
        var length = raw.Length - 2;
        if (length > 0 && length < ByLength.Length)
        {
            var content = raw.Slice(1, length);
            foreach (var (utf8, s) in ByLength[length])
            {
                if (content.SequenceEqual(utf8))
                {
                    return s;
                }
            }
        }

        return Json.NonEmpty(value.GetString());
    }

    private static (byte[], string)[][] Build()
    {
        var max = Values.Max(v => Encoding.UTF8.GetByteCount(v)) + 1;
        var table = new List<(byte[], string)>[max];
        foreach (var v in Values.Distinct(StringComparer.Ordinal))
        {
            var bytes = Encoding.UTF8.GetBytes(v);
            (table[bytes.Length] ??= []).Add((bytes, v));
        }

        // PHP's json_encode escapes every solidus ("http:\/\/iiif.io\/..."), and many IIIF servers are PHP: match the raw
        // escaped form too, so it is not unescaped into a new string each time.
        var escapedMax = Values.Max(v => Encoding.UTF8.GetByteCount(v.Replace("/", "\\/", StringComparison.Ordinal))) + 1;
        Array.Resize(ref table, Math.Max(max, escapedMax));
        foreach (var v in Values.Distinct(StringComparer.Ordinal).Where(v => v.Contains('/', StringComparison.Ordinal)))
        {
            var bytes = Encoding.UTF8.GetBytes(v.Replace("/", "\\/", StringComparison.Ordinal));
            (table[bytes.Length] ??= []).Add((bytes, v));
        }

        return [.. table.Select(list => list?.ToArray() ?? [])];
    }
}
