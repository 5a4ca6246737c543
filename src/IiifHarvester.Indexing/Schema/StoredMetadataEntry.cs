namespace IiifHarvester.Indexing.Schema;

/// <summary>A metadata pair as stored in a resource document.</summary>
internal sealed record StoredMetadataEntry(Dictionary<string, List<string>>? Label, Dictionary<string, List<string>>? Value);
