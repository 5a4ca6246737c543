using System.Text.Json;
using IiifHarvester.Iiif.Model;

namespace IiifHarvester.Indexing.Schema;

/// <summary>Stores language maps (labels, summaries, metadata) as compact JSON in stored fields.</summary>
internal static class LanguageMapJson
{
    public static string Serialize(LanguageMap map) =>
        JsonSerializer.Serialize(map.Values, IndexJsonContext.Default.IReadOnlyDictionaryStringIReadOnlyListString);

    public static LanguageMap Deserialize(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return LanguageMap.Empty;
        }

        try
        {
            var values = JsonSerializer.Deserialize(json, IndexJsonContext.Default.DictionaryStringListString);
            return values is null
                ? LanguageMap.Empty
                : new LanguageMap(values.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value)));
        }
        catch (JsonException)
        {
            return LanguageMap.Empty;
        }
    }

    public static string SerializeMetadata(IReadOnlyList<MetadataEntry> metadata)
    {
        var list = metadata
            .Select(m => new StoredMetadataEntry(
                m.Label.Values.ToDictionary(p => p.Key, p => p.Value.ToList()),
                m.Value.Values.ToDictionary(p => p.Key, p => p.Value.ToList())))
            .ToList();
        return JsonSerializer.Serialize(list, IndexJsonContext.Default.ListStoredMetadataEntry);
    }

    public static IReadOnlyList<MetadataEntry> DeserializeMetadata(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        try
        {
            var list = JsonSerializer.Deserialize(json, IndexJsonContext.Default.ListStoredMetadataEntry) ?? [];
            return list.Select(e => new MetadataEntry(ToMap(e.Label), ToMap(e.Value))).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static LanguageMap ToMap(Dictionary<string, List<string>>? values) =>
        values is null ? LanguageMap.Empty
            : new LanguageMap(values.Select(p => new KeyValuePair<string, IReadOnlyList<string>>(p.Key, p.Value)));
}
