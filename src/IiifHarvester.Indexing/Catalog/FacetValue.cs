namespace IiifHarvester.Indexing.Catalog;

/// <summary>A facet value and how many results have it.</summary>
/// <param name="Value">The value.</param>
/// <param name="Count">Results with it.</param>
public sealed record FacetValue(string Value, int Count);
