namespace IiifHarvester.Crawling.Collections;

/// <summary>The last item of a collection walk.</summary>
public sealed record CollectionWalkSummary : CollectionWalkItem
{
    /// <summary>
    /// True when every collection was fetched and parsed and no bound was hit: only then does the set of manifests
    /// yielded say what the institution no longer lists.
    /// </summary>
    public required bool Complete { get; init; }

    /// <summary>Collection documents walked (pages included).</summary>
    public int Collections { get; init; }

    /// <summary>Of those, answered 304 and walked from the stored copy.</summary>
    public int Unchanged { get; init; }

    /// <summary>Distinct manifests yielded.</summary>
    public int Manifests { get; init; }

    /// <summary>Collections or manifests listed again (repeated members, cycles), skipped.</summary>
    public int Repeats { get; init; }

    /// <summary>Collections that failed.</summary>
    public int Failures { get; init; }

    /// <summary>What made the walk incomplete, or was odd.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
