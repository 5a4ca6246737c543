namespace IiifHarvester.Crawling.Dependents;

/// <summary>A manifest's dependents, in the order the manifest references them.</summary>
public sealed record DependentsResult
{
    /// <summary>Each dependent fetched, with its outcome.</summary>
    public IReadOnlyList<FetchedDependent> Items { get; init; } = [];

    /// <summary>False when a bound was hit and some dependents were not fetched.</summary>
    public bool Complete { get; init; } = true;

    /// <summary>Bounds hit, unusable references.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
