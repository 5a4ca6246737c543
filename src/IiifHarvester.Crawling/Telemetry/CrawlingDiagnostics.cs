using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace IiifHarvester.Crawling.Telemetry;

/// <summary>
/// The crawler's OpenTelemetry sources: register <see cref="Name"/> with <c>AddSource</c> and <c>AddMeter</c>. One span
/// per fetch; counters of requests (per attempt), fetches (per outcome), bytes and retries, tagged by source and status.
/// </summary>
public static class CrawlingDiagnostics
{
    /// <summary>The name of the <see cref="ActivitySource"/> and the <see cref="Meter"/>.</summary>
    public const string Name = "IiifHarvester.Crawling";

    internal static readonly ActivitySource ActivitySource = new(Name);

    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Requests = Meter.CreateCounter<long>("iiif_harvester.crawling.requests", "{request}", "HTTP attempts made, by source and HTTP status.");

    internal static readonly Counter<long> Fetches = Meter.CreateCounter<long>("iiif_harvester.crawling.fetches", "{fetch}", "Fetches finished, by source and outcome.");

    internal static readonly Counter<long> Bytes = Meter.CreateCounter<long>("iiif_harvester.crawling.bytes", "By", "Body bytes received (after decompression), by source.");

    internal static readonly Counter<long> Retries = Meter.CreateCounter<long>("iiif_harvester.crawling.retries", "{retry}", "Retries scheduled, by source.");
}
