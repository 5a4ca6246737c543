using System.Text;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The harvest counts leave the process as OpenTelemetry metrics over OTLP.</summary>
public sealed class TelemetryExportTests
{
    [Fact]
    public async Task Harvest_WithOtlpEndpoint_ExportsTheRunsCountsAsMetrics()
    {
        using var collector = WireMockServer.Start();
        collector.Given(Request.Create().UsingPost().WithPath("/v1/metrics")).RespondWith(Response.Create().WithStatusCode(200));
        collector.Given(Request.Create().UsingPost().WithPath("/v1/traces")).RespondWith(Response.Create().WithStatusCode(200));
        await using var demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 10, CanvasesPerManifest = 2, LinesPerCanvas = 2 });
        await using var host = new HostFactory(demo.Institution, new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.Url,
            ["Telemetry:ExportInterval"] = "00:00:00.500",
        });

        var result = await host.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(host.Services.GetRequiredService<SourceCatalog>().Find("demo")!, default);
        Assert.False(result.SourceFailed);

        // OTLP/HTTP protobuf carries metric names as UTF-8 strings: look for ours in what the collector received.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] wanted = ["iiifharvester.harvest.documents", "iiifharvester.harvest.runs"];
        while (true)
        {
            var bodies = collector.LogEntries
                .Where(e => e.RequestMessage?.Path == "/v1/metrics")
                .Select(e => e.RequestMessage?.BodyAsBytes is { } b ? Encoding.UTF8.GetString(b) : string.Empty)
                .ToList();
            if (wanted.All(w => bodies.Any(b => b.Contains(w, StringComparison.Ordinal))))
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no OTLP metrics with {string.Join(", ", wanted)} arrived ({bodies.Count} exports seen)");
            await Task.Delay(200);
        }
    }
}
