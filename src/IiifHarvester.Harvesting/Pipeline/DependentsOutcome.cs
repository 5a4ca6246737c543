namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>What fetching the annotation lists and OCR of one manifest came to.</summary>
/// <param name="Failure">Why one of them could not be harvested; null when none failed.</param>
/// <param name="Changed">Something the manifest owns was added, changed or is gone.</param>
/// <param name="Keep">The documents the manifest still owns; null when they were not visited.</param>
internal sealed record DependentsOutcome(string? Failure, bool Changed, IReadOnlySet<string>? Keep)
{
    /// <summary>The dependents were not visited (the manifest did not change).</summary>
    public static DependentsOutcome None { get; } = new(null, false, null);

    /// <summary>No fetch failed.</summary>
    public bool AllOk => Failure is null;
}
