using System.Text.Json.Serialization;

namespace IiifHarvester.Indexing.Schema;

/// <summary>Source-generated JSON for the stored fields.</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>))]
[JsonSerializable(typeof(Dictionary<string, List<string>>))]
[JsonSerializable(typeof(List<StoredMetadataEntry>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class IndexJsonContext : JsonSerializerContext;
