using System.Diagnostics.Metrics;
using IiifHarvester.Crawling.Telemetry;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// The counts of one harvest run, read while it runs (progress, the status board) and at its end (summary). Each
/// document's outcome (added, updated, unchanged, deleted, failed, skipped) and each page also goes to the
/// <c>iiifharvester.harvest.documents</c> and <c>iiifharvester.harvest.pages</c> instruments of
/// <see cref="HarvestTelemetry"/> as it happens, tagged with the source: this is the run's own view of them.
/// </summary>
public sealed class HarvestCounters
{
    private readonly KeyValuePair<string, object?> _source;
    private long _pagesWalked;
    private long _fetched;
    private long _unchanged;
    private long _added;
    private long _updated;
    private long _deleted;
    private long _failed;
    private long _skipped;

    /// <summary>Counts for a run of the source <paramref name="sourceKey"/>.</summary>
    public HarvestCounters(string sourceKey)
    {
        _source = new(CrawlingDiagnostics.SourceAttribute, sourceKey);
    }

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

    public void PageWalked(long n = 1)
    {
        Interlocked.Add(ref _pagesWalked, n);
        HarvestTelemetry.Pages.Add(n, _source);
    }

    /// <summary>Counts a fetch (the crawler's own <c>iiifharvester.crawl.fetches</c> counts it for export).</summary>
    public void DocumentFetched() => Interlocked.Increment(ref _fetched);

    public void DocumentUnchanged() => Count(ref _unchanged, "unchanged");

    public void DocumentAdded() => Count(ref _added, "added");

    public void DocumentUpdated() => Count(ref _updated, "updated");

    public void DocumentDeleted() => Count(ref _deleted, "deleted");

    public void DocumentFailed() => Count(ref _failed, "failed");

    public void DocumentSkipped() => Count(ref _skipped, "skipped");

    /// <summary>A snapshot for reports.</summary>
    public HarvestCountsSnapshot Snapshot() => new(PagesWalked, Fetched, Unchanged, Added, Updated, Deleted, Failed, Skipped);

    private void Count(ref long count, string outcome)
    {
        Interlocked.Increment(ref count);
        HarvestTelemetry.Documents.Add(1, _source, new(HarvestTelemetry.OutcomeAttribute, outcome));
    }
}
