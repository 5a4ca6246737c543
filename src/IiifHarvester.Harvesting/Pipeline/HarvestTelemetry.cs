using System.Diagnostics;
using System.Diagnostics.Metrics;
using IiifHarvester.Crawling.Telemetry;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>
/// Traces and metrics of harvest runs (exported through OpenTelemetry by the host): a span per run
/// (<c>iiifharvester.harvest</c>) and per document (<c>iiifharvester.harvest.document</c>); documents and pages are
/// counted as they happen (<see cref="HarvestCounters"/> adds to the instruments here), runs and their durations when
/// they end.
/// </summary>
public static class HarvestTelemetry
{
    /// <summary>The name of the ActivitySource and Meter.</summary>
    public const string Name = "IiifHarvester.Harvesting";

    /// <summary>The attribute that says what became of a document (fetched, unchanged, added, ...).</summary>
    public const string OutcomeAttribute = "iiifharvester.harvest.outcome";

    /// <summary>The attribute that says how a run ended (ok, failed).</summary>
    public const string ResultAttribute = "iiifharvester.harvest.result";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Documents = Meter.CreateCounter<long>("iiifharvester.harvest.documents", "{document}", "Documents harvested, by source and outcome.");

    internal static readonly Counter<long> Pages = Meter.CreateCounter<long>("iiifharvester.harvest.pages", "{page}", "Discovery and collection pages walked, by source.");

    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("iiifharvester.harvest.runs", "{run}", "Harvest runs finished, by source and result.");

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "iiifharvester.harvest.duration",
        "s",
        "How long harvest runs took, by source and result.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 10, 60, 300, 900, 1800, 3600, 7200, 14400, 43200, 86400] });

    internal static void Finished(HarvestRunResult result)
    {
        var source = new KeyValuePair<string, object?>(CrawlingDiagnostics.SourceAttribute, result.SourceKey);
        var outcome = new KeyValuePair<string, object?>(ResultAttribute, result.SourceFailed ? "failed" : "ok");
        Runs.Add(1, source, outcome);
        Duration.Record((result.FinishedAt - result.StartedAt).TotalSeconds, source, outcome);
    }
}
