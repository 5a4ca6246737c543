namespace IiifHarvester.Bench.Search;

/// <summary>One benchmark query: a word within a manifest (or the aggregate when <see cref="ManifestUri"/> is null).</summary>
internal sealed record BenchQuery(string Key, string? ManifestUri, string Word)
{
    public string Url => $"/iiif/search/1/{Key}?q={Uri.EscapeDataString(Word)}";
}
