using System.Text.Json.Serialization;

namespace IiifHarvester.Images.Caching;

[JsonSerializable(typeof(CachedResource))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class CacheMetadataContext : JsonSerializerContext;
