namespace IiifHarvester.Sources.Status;

/// <summary>The counts of a harvest run at one moment.</summary>
public sealed record HarvestCountsSnapshot(long PagesWalked, long Fetched, long Unchanged, long Added, long Updated, long Deleted, long Failed, long Skipped = 0);
