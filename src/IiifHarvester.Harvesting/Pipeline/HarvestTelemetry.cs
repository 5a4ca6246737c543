using System.Diagnostics;
using System.Diagnostics.Metrics;
using IiifHarvester.Sources.Status;

namespace IiifHarvester.Harvesting.Pipeline;

/// <summary>Traces and metrics of harvest runs (exported through OpenTelemetry by the host).</summary>
public static class HarvestTelemetry
{
    /// <summary>The name of the ActivitySource and Meter.</summary>
    public const string Name = "IiifHarvester.Harvesting";

    internal static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Documents = Meter.CreateCounter<long>("iiifharvester.harvest.documents", description: "Documents by outcome per harvest run");
    private static readonly Counter<long> Pages = Meter.CreateCounter<long>("iiifharvester.harvest.pages", description: "Discovery and collection pages walked");
    private static readonly Counter<long> Runs = Meter.CreateCounter<long>("iiifharvester.harvest.runs", description: "Harvest runs by result");

    internal static void Record(HarvestRunResult result)
    {
        var source = new KeyValuePair<string, object?>("source", result.SourceKey);
        var c = result.Counts;
        Documents.Add(c.Fetched, source, new("outcome", "fetched"));
        Documents.Add(c.Unchanged, source, new("outcome", "unchanged"));
        Documents.Add(c.Added, source, new("outcome", "added"));
        Documents.Add(c.Updated, source, new("outcome", "updated"));
        Documents.Add(c.Deleted, source, new("outcome", "deleted"));
        Documents.Add(c.Failed, source, new("outcome", "failed"));
        Documents.Add(c.Skipped, source, new("outcome", "skipped"));
        Pages.Add(c.PagesWalked, source);
        Runs.Add(1, source, new("result", result.SourceFailed ? "failed" : "ok"));
    }
}
