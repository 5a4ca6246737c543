using System.Diagnostics;
using System.Diagnostics.Metrics;
using IiifHarvester.Crawling.Fetching;

namespace IiifHarvester.Crawling.Telemetry;

/// <summary>
/// The crawler's OpenTelemetry sources: register <see cref="Name"/> with <c>AddSource</c> and <c>AddMeter</c>. One span
/// (<c>iiifharvester.crawl.fetch</c>) per fetch; counters of requests (per attempt), fetches (per outcome), bytes and
/// retries, and a histogram of fetch durations, tagged by source (<see cref="SourceAttribute"/>), outcome and status.
/// </summary>
public static class CrawlingDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "IiifHarvester.Crawling";

    /// <summary>The attribute that names the source (institution) a measurement or span belongs to.</summary>
    public const string SourceAttribute = "iiifharvester.source";

    /// <summary>The attribute that says how a fetch ended (<see cref="FetchStatus"/> in snake case: ok, not_modified, ...).</summary>
    public const string OutcomeAttribute = "iiifharvester.crawl.outcome";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("iiifharvester.crawl.requests", "{request}", "HTTP attempts made, by source and HTTP status.");

    internal static readonly Counter<long> Fetches = Meter.CreateCounter<long>("iiifharvester.crawl.fetches", "{fetch}", "Fetches finished, by source and outcome.");

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "iiifharvester.crawl.duration",
        "s",
        "How long fetches took (retries and politeness waits included), by source and outcome.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });

    internal static readonly Counter<long> Bytes = Meter.CreateCounter<long>("iiifharvester.crawl.bytes", "By", "Body bytes received (after decompression), by source.");

    /// <summary>The <see cref="OutcomeAttribute"/> value of a fetch status.</summary>
    internal static string Outcome(FetchStatus status) => status switch
    {
        FetchStatus.Ok => "ok",
        FetchStatus.NotModified => "not_modified",
        FetchStatus.NotFound => "not_found",
        FetchStatus.Gone => "gone",
        FetchStatus.Unauthorized => "unauthorized",
        FetchStatus.Forbidden => "forbidden",
        FetchStatus.TooLarge => "too_large",
        FetchStatus.Blocked => "blocked",
        FetchStatus.TransientFailure => "transient_failure",
        FetchStatus.InvalidResponse => "invalid_response",
        FetchStatus.HttpError => "http_error",
        _ => "other",
    };

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("iiifharvester.crawl.retries", "{retry}", "Retries scheduled, by source.");
}
