using System.Net;
using System.Text;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Iiif.Identity;
using IiifHarvester.Sources;
using IiifHarvester.Web.Images;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// The process's spans and metrics leave it: pushed over OTLP to a collector (a fake one here), and served for
/// Prometheus to scrape. One run harvests the demo institution, answers a content search and an image request (a
/// miss, then a hit), and every part of it is seen under its <c>iiifharvester.*</c> name.
/// </summary>
public sealed class TelemetryExportTests
{
    // OTLP/HTTP protobuf: Span.name is field 5, Metric.name field 1, both length-delimited (wire type 2).
    private const byte SpanNameTag = (5 << 3) | 2;
    private const byte MetricNameTag = (1 << 3) | 2;

    [Fact]
    public async Task HarvestSearchAndImage_WithOtlpEndpoint_ExportSpansAndMetricsOfEach()
    {
        using var collector = WireMockServer.Start();
        collector.Given(Request.Create().UsingPost().WithPath("/v1/metrics")).RespondWith(Response.Create().WithStatusCode(200));
        collector.Given(Request.Create().UsingPost().WithPath("/v1/traces")).RespondWith(Response.Create().WithStatusCode(200));
        await using var demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 10, CanvasesPerManifest = 2, LinesPerCanvas = 2 });
        var host = new HostFactory(demo.Institution, new Dictionary<string, string?>
        {
            ["Sources:demo:ProxyImages"] = "true",
            ["Telemetry:OtlpEndpoint"] = collector.Url,
            ["Telemetry:PrometheusEnabled"] = "false",
        });
        await using (host)
        {
            await ExerciseAsync(host, demo.Institution);

            // The export interval (30 s by default) has not passed: flushing pushes what the providers hold now, and
            // returns once the collector has answered.
            Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush(), "the spans could not be pushed");
            Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush(), "the metrics could not be pushed");
        }

        var traces = Bodies(collector, "/v1/traces");
        var metrics = Bodies(collector, "/v1/metrics");
        Assert.All(
            new[] { "iiifharvester.harvest", "iiifharvester.harvest.document", "iiifharvester.crawl.fetch", "iiifharvester.search", "iiifharvester.images.upstream" },
            span => Assert.True(traces.Any(b => Contains(b, SpanNameTag, span)), $"no span named {span} in {traces.Count} trace exports"));
        Assert.All(
            new[]
            {
                "iiifharvester.harvest.documents", "iiifharvester.harvest.pages", "iiifharvester.harvest.runs", "iiifharvester.harvest.duration",
                "iiifharvester.crawl.requests", "iiifharvester.crawl.fetches", "iiifharvester.crawl.duration",
                "iiifharvester.search.duration",
                "iiifharvester.images.requests", "iiifharvester.images.cache.lookups", "iiifharvester.images.upstream.requests",
            },
            metric => Assert.True(metrics.Any(b => Contains(b, MetricNameTag, metric)), $"no metric named {metric} in {metrics.Count} metric exports"));
    }

    [Fact]
    public async Task HarvestSearchAndImage_ScrapedByPrometheus_ShowsTheirMetricsInTextFormat()
    {
        await using var demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 10, CanvasesPerManifest = 2, LinesPerCanvas = 2 });
        await using var host = new HostFactory(demo.Institution, new Dictionary<string, string?> { ["Sources:demo:ProxyImages"] = "true" });
        await ExerciseAsync(host, demo.Institution);

        using var client = host.CreateClient();
        using var response = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.All(
            new[] { "iiifharvester_harvest_documents_total counter", "iiifharvester_harvest_duration_seconds histogram", "iiifharvester_crawl_requests_total counter", "iiifharvester_search_duration_seconds histogram", "iiifharvester_images_requests_total counter", "http_server_request_duration_seconds histogram" },
            type => Assert.Contains("# TYPE " + type + "\n", text, StringComparison.Ordinal));
        AssertSample(text, "iiifharvester_harvest_documents_total", "iiifharvester_source=\"demo\"", "iiifharvester_harvest_outcome=\"added\"");
        AssertSample(text, "iiifharvester_crawl_fetches_total", "iiifharvester_source=\"demo\"", "iiifharvester_crawl_outcome=\"ok\"");
        AssertSample(text, "iiifharvester_search_duration_seconds_count", "iiifharvester_search_operation=\"search\"");
        AssertSample(text, "iiifharvester_images_requests_total", "iiifharvester_images_cache_status=\"miss\"", "iiifharvester_images_resource=\"image\"");
        AssertSample(text, "iiifharvester_images_requests_total", "iiifharvester_images_cache_status=\"hit\"", "iiifharvester_images_resource=\"image\"");
    }

    [Fact]
    public async Task Metrics_WhenTheyRequireTheAdminKey_AreRefusedWithoutIt()
    {
        await using var demo = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = 1 });
        await using var host = new HostFactory(demo.Institution, new Dictionary<string, string?> { ["Telemetry:PrometheusRequiresAdminKey"] = "true" });
        using var client = host.CreateClient();

        using var without = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/metrics", UriKind.Relative));
        request.Headers.Add("X-Admin-Key", HostFactory.AdminKey);
        using var with = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    /// <summary>Harvests the demo source, then asks for a content search and an image twice (a miss, then a hit).</summary>
    private static async Task ExerciseAsync(HostFactory host, DemoInstitution institution)
    {
        var result = await host.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(host.Services.GetRequiredService<SourceCatalog>().Find("demo")!, default);
        Assert.False(result.SourceFailed, string.Join('\n', result.Errors));
        await host.Services.GetRequiredService<ThumbnailWarming>().WhenIdleAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(2));

        using var client = host.CreateClient();
        var manifest = ResourceKey.For(institution.ManifestUri(1));
        using var search = await client.GetAsync(new Uri($"/iiif/search/2/{manifest}?q={DemoInstitution.MarkerWord(1)}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);

        // A size nothing warmed: fetched from the institution (or made from what it sends) the first time, cached after.
        var image = new Uri($"/iiif/image/{ResourceKey.ForImageService(institution.ImageServiceUri(0))}/full/!96,96/0/default.jpg", UriKind.Relative);
        using var miss = await client.GetAsync(image);
        using var hit = await client.GetAsync(image);
        Assert.Equal(HttpStatusCode.OK, miss.StatusCode);
        Assert.Equal("IiifHarvester; hit", hit.Headers.GetValues("Cache-Status").Single());
    }

    /// <summary>Asserts the scrape has a sample of <paramref name="metric"/> with every one of <paramref name="labels"/> and a value above 0.</summary>
    private static void AssertSample(string text, string metric, params string[] labels)
    {
        var found = text.Split('\n').Any(line => line.StartsWith(metric + "{", StringComparison.Ordinal)
            && labels.All(l => line.Contains(l, StringComparison.Ordinal))
            && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0);
        Assert.True(found, $"no sample of {metric} with {string.Join(", ", labels)} in the scrape:\n{text}");
    }

    private static List<byte[]> Bodies(WireMockServer collector, string path) => collector.LogEntries
        .Where(e => e.RequestMessage?.Path == path && e.RequestMessage.BodyAsBytes is not null)
        .Select(e => e.RequestMessage!.BodyAsBytes!)
        .ToList();

    /// <summary>Whether a protobuf message holds <paramref name="value"/> as the string field of <paramref name="tag"/> (exactly, not as a prefix).</summary>
    private static bool Contains(byte[] body, byte tag, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        byte[] field = [tag, checked((byte)bytes.Length), .. bytes];
        return body.AsSpan().IndexOf(field) >= 0;
    }
}
