using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using IiifHarvester.Web.Search;

namespace IiifHarvester.Web.Manifests;

/// <summary>
/// Adds our search services to a harvested manifest or collection without re-serialising it: the bytes are kept as
/// harvested and only the top-level <c>service</c> value is spliced (created, wrapped in an array, or prepended
/// to), so every other byte is what the institution published. Ours come first because Mirador uses the first
/// service whose profile it knows.
/// </summary>
internal static class ServiceInjector
{
    private static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 256,
    };

    /// <summary>Whether the document declares the Presentation 3 context.</summary>
    public static bool IsPresentation3(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isContext = reader.ValueTextEquals("@context");
            reader.Read();
            if (isContext)
            {
                return ContextIs3(ref reader);
            }

            reader.Skip();
        }

        return false;
    }

    /// <summary>The document with our services added; throws <see cref="JsonException"/> when it is not a JSON object.</summary>
    public static byte[] Inject(ReadOnlySpan<byte> json, PublicUrls urls, string key)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The document is not a JSON object.");
        }

        var objectStart = (int)reader.TokenStartIndex;
        var isV3 = false;
        var hasProperties = false;
        int serviceStart = -1, serviceEnd = -1;
        var serviceKind = JsonTokenType.None;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            hasProperties = true;
            var isContext = reader.ValueTextEquals("@context");
            var isService = reader.ValueTextEquals("service");
            reader.Read();
            if (isContext)
            {
                isV3 = ContextIs3(ref reader);
                continue;
            }

            if (isService && serviceStart < 0)
            {
                serviceStart = (int)reader.TokenStartIndex;
                serviceKind = reader.TokenType;
            }

            reader.Skip();
            if (isService && serviceEnd < 0)
            {
                serviceEnd = (int)reader.BytesConsumed;
            }
        }

        var ours = Services(urls, key, isV3);
        var output = new ArrayBufferWriter<byte>(json.Length + ours.Length + 16);
        if (serviceStart < 0)
        {
            // No service yet: add one right after the opening brace.
            output.Write(json[..(objectStart + 1)]);
            output.Write("\"service\":["u8);
            output.Write(ours);
            output.Write(hasProperties ? "],"u8 : "]"u8);
            output.Write(json[(objectStart + 1)..]);
        }
        else if (serviceKind == JsonTokenType.StartArray)
        {
            var afterBracket = serviceStart + 1;
            var rest = json[afterBracket..serviceEnd];
            var isEmpty = rest.Trim(" \t\r\n"u8).SequenceEqual("]"u8);
            output.Write(json[..afterBracket]);
            output.Write(ours);
            if (!isEmpty)
            {
                output.Write(","u8);
            }

            output.Write(json[afterBracket..]);
        }
        else
        {
            // A single object or a bare string: keep it, in an array after ours.
            output.Write(json[..serviceStart]);
            output.Write("["u8);
            output.Write(ours);
            output.Write(","u8);
            output.Write(json[serviceStart..serviceEnd]);
            output.Write("]"u8);
            output.Write(json[serviceEnd..]);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The Search 1.0 service with its profile (all Mirador and Universal Viewer find) and a SearchService2 entry
    /// beside it (Search 2.0 §3), each with its autocomplete service; ids carry no <c>?</c> since viewers append
    /// <c>?q=</c> to them.
    /// </summary>
    public static byte[] Services(PublicUrls urls, string key, bool isV3)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("@context", "http://iiif.io/api/search/1/context.json");
            writer.WriteString(isV3 ? "id" : "@id", urls.Search(1, key));
            if (isV3)
            {
                writer.WriteString("type", "SearchService1");
            }

            writer.WriteString("profile", "http://iiif.io/api/search/1/search");
            writer.WritePropertyName("service");
            if (isV3)
            {
                writer.WriteStartArray();
            }

            writer.WriteStartObject();
            writer.WriteString(isV3 ? "id" : "@id", urls.Autocomplete(1, key));
            if (isV3)
            {
                writer.WriteString("type", "AutoCompleteService1");
            }

            writer.WriteString("profile", "http://iiif.io/api/search/1/autocomplete");
            writer.WriteEndObject();
            if (isV3)
            {
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.Flush();
        }

        buffer.Write(","u8);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (!isV3)
            {
                writer.WriteString("@context", "http://iiif.io/api/search/2/context.json");
            }

            writer.WriteString("id", urls.Search(2, key));
            writer.WriteString("type", "SearchService2");
            writer.WriteStartArray("service");
            writer.WriteStartObject();
            writer.WriteString("id", urls.Autocomplete(2, key));
            writer.WriteString("type", "AutoCompleteService2");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool ContextIs3(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()?.Contains("presentation/3", StringComparison.Ordinal) == true;
        }

        var found = false;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == depth))
            {
                if (reader.TokenType == JsonTokenType.String && reader.GetString()?.Contains("presentation/3", StringComparison.Ordinal) == true)
                {
                    found = true;
                }
            }

            return found;
        }

        reader.Skip();
        return false;
    }
}
