using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>Thread-safe counts of one harvest run, read while it runs (progress) and at its end (summary).</summary>
public sealed class HarvestCounters
{
    private long _pagesWalked;
    private long _fetched;
    private long _unchanged;
    private long _added;
    private long _updated;
    private long _deleted;
    private long _failed;
    private long _skipped;

    /// <summary>Discovery pages and collection pages walked.</summary>
    public long PagesWalked => Interlocked.Read(ref _pagesWalked);

    /// <summary>Documents fetched (including 304s).</summary>
    public long Fetched => Interlocked.Read(ref _fetched);

    /// <summary>Documents that had not changed (304 or same bytes).</summary>
    public long Unchanged => Interlocked.Read(ref _unchanged);

    /// <summary>Documents new to the store.</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Documents whose bytes changed.</summary>
    public long Updated => Interlocked.Read(ref _updated);

    /// <summary>Documents deleted.</summary>
    public long Deleted => Interlocked.Read(ref _deleted);

    /// <summary>Documents that could not be fetched or understood (retried next run).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Documents not requested at all (robots.txt disallows them, or their address is refused).</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    public void PageWalked(long n = 1) => Interlocked.Add(ref _pagesWalked, n);

    public void DocumentFetched() => Interlocked.Increment(ref _fetched);

    public void DocumentUnchanged() => Interlocked.Increment(ref _unchanged);

    public void DocumentAdded() => Interlocked.Increment(ref _added);

    public void DocumentUpdated() => Interlocked.Increment(ref _updated);

    public void DocumentDeleted() => Interlocked.Increment(ref _deleted);

    public void DocumentFailed() => Interlocked.Increment(ref _failed);

    public void DocumentSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>A snapshot for reports.</summary>
    public HarvestCountsSnapshot Snapshot() => new(PagesWalked, Fetched, Unchanged, Added, Updated, Deleted, Failed, Skipped);
}
