using System.Text.Json;
using System.Text.Json.Serialization;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Iiif.Inspection;

/// <summary>Writes a <see cref="LanguageMap"/> as the v3 JSON object it stands for (<c>{"en": ["..."]}</c>).</summary>
internal sealed class LanguageMapJsonConverter : JsonConverter<LanguageMap>
{
    public override LanguageMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, List<string>>>(ref reader, options) ?? [];
        return new LanguageMap(values.Select(kv => new KeyValuePair<string, IReadOnlyList<string>>(kv.Key, kv.Value)));
    }

    public override void Write(Utf8JsonWriter writer, LanguageMap value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (language, list) in value.Values)
        {
            writer.WriteStartArray(language);
            foreach (var s in list)
            {
                writer.WriteStringValue(s);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
