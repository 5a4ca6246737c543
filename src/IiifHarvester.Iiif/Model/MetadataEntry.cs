namespace IiifHarvester.Iiif.Model;

/// <summary>A label/value pair (v3 <c>metadata</c> and <c>requiredStatement</c>; v2 <c>metadata</c>, and <c>attribution</c> with an empty label).</summary>
/// <param name="Label">The label, per language.</param>
/// <param name="Value">The value, per language, as published (may hold HTML).</param>
public sealed record MetadataEntry(LanguageMap Label, LanguageMap Value);
