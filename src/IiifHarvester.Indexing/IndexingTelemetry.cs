using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IiifHarvester.Indexing;

/// <summary>
/// Traces and metrics of the index's read side: one span per search (<c>iiifharvester.search</c>), autocomplete
/// (<c>iiifharvester.search.autocomplete</c>) and catalog request (<c>iiifharvester.search.catalog</c>), and their
/// durations in one histogram, <c>iiifharvester.search.duration</c>, by <see cref="OperationAttribute"/>.
/// </summary>
public static class IndexingTelemetry
{
    /// <summary>The ActivitySource and Meter name to listen to.</summary>
    public const string SourceName = "IiifHarvester.Indexing";

    /// <summary>The attribute that says which kind of request a duration belongs to (search, autocomplete, catalog).</summary>
    public const string OperationAttribute = "iiifharvester.search.operation";

    internal static readonly ActivitySource Source = new(SourceName);

    private static readonly Meter Meter = new(SourceName);

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "iiifharvester.search.duration",
        "s",
        "How long searches, autocompletes and catalog requests took in the index, by operation.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
}
