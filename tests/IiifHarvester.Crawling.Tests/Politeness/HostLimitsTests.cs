using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Politeness;

/// <summary>The per-host rate and concurrency limits, as two institutions (two hosts: ports differ) see them.</summary>
public sealed class HostLimitsTests : IDisposable
{
    private readonly WireMockInstitution _a = WireMockInstitution.Create().WithManifests(4).Build();
    private readonly WireMockInstitution _b = WireMockInstitution.Create().WithManifests(4).Build();

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public async Task Fetch_RequestsPerSecond_SpacesEachHostOnItsOwn()
    {
        using var host = new CrawlerHost();
        await host.WarmUpAsync();
        var policy = CrawlerHost.Loopback with { RequestsPerSecond = 4, RespectRobotsTxt = false };

        var results = await Task.WhenAll(
            Enumerable.Range(0, 3).SelectMany(i => new[] { host.FetchAsync(_a.ManifestUri(i), policy), host.FetchAsync(_b.ManifestUri(i), policy) }));

        var a = Arrivals(_a);
        var b = Arrivals(_b);
        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.All(new[] { a, b }, arrivals =>
        {
            Assert.Equal(3, arrivals.Count);
            Assert.True(arrivals[2] - arrivals[0] >= TimeSpan.FromMilliseconds(450), $"{arrivals[2] - arrivals[0]} for three requests at 4/s");
        });

        // Another host's pace does not hold this one back: both start at once.
        Assert.True((b[0] - a[0]).Duration() < TimeSpan.FromMilliseconds(200), $"{a[0]:O} vs {b[0]:O}");
    }

    [Fact]
    public async Task Fetch_MaxConcurrency_LimitsRequestsInFlightPerHost()
    {
        using var host = new CrawlerHost();
        for (var i = 0; i < 4; i++)
        {
            _a.SetFault($"/manifests/{i}.json", InstitutionFault.Delayed(TimeSpan.FromMilliseconds(400)));
            _b.SetFault($"/manifests/{i}.json", InstitutionFault.Delayed(TimeSpan.FromMilliseconds(400)));
        }

        var two = CrawlerHost.Loopback with { MaxConcurrency = 2, RespectRobotsTxt = false };
        var four = two with { MaxConcurrency = 4 };
        await Task.WhenAll(Enumerable.Range(0, 4).SelectMany(i => new[] { host.FetchAsync(_a.ManifestUri(i), two), host.FetchAsync(_b.ManifestUri(i), four) }));

        // Two in flight on A: the third starts when one of the first two (400 ms each) has ended. Four on B: all at once.
        var a = Arrivals(_a);
        var b = Arrivals(_b);
        Assert.True(a[2] - a[0] >= TimeSpan.FromMilliseconds(350), $"A's third request {a[2] - a[0]} after its first");
        Assert.True(a[1] - a[0] < TimeSpan.FromMilliseconds(300), $"A's second request {a[1] - a[0]} after its first");
        Assert.True(b[3] - b[0] < TimeSpan.FromMilliseconds(300), $"B's fourth request {b[3] - b[0]} after its first");
    }

    [Fact]
    public async Task Fetch_WaitingForThePolitenessSlot_DoesNotCountAgainstTheAttemptTimeout()
    {
        // A Crawl-delay longer than the attempt timeout: queued requests wait for their slot, and only the request itself
        // is timed. Were the wait timed, each queued fetch would "time out", be retried and trip the host's circuit.
        using var host = new CrawlerHost(o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 2;
        });
        var policy = CrawlerHost.Loopback with { CrawlDelay = TimeSpan.FromMilliseconds(600), Timeout = TimeSpan.FromMilliseconds(500), RespectRobotsTxt = false };

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.FetchAsync(_a.ManifestUri(i), policy)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(3, _a.TotalRequests);
    }

    private static List<DateTime> Arrivals(WireMockInstitution institution) =>
        institution.Server.LogEntries
            .Where(e => e.RequestMessage!.Path.StartsWith("/manifests/", StringComparison.Ordinal))
            .Select(e => e.RequestMessage!.DateTime)
            .Order()
            .ToList();
}
