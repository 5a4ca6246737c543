using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Time.Testing;
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
        // On the fake clock: a request may go only when the clock says its slot has come, so what the institutions
        // receive between two clock steps is exactly what the pace allows, however fast or loaded the machine is.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(timeProvider: time);
        var policy = CrawlerHost.Loopback with { RequestsPerSecond = 4, RespectRobotsTxt = false };

        var fetches = Task.WhenAll(
            Enumerable.Range(0, 3).SelectMany(i => new[] { host.FetchAsync(_a.ManifestUri(i), policy), host.FetchAsync(_b.ManifestUri(i), policy) }));

        // Another host's pace does not hold this one back: each host gets its first request with the clock standing still.
        await ArrivedAsync(1, 1);
        await StaysAsync(1, 1);

        time.Advance(TimeSpan.FromMilliseconds(249));
        await StaysAsync(1, 1);

        time.Advance(TimeSpan.FromMilliseconds(1));
        await ArrivedAsync(2, 2);
        await StaysAsync(2, 2);

        time.Advance(TimeSpan.FromMilliseconds(250));
        await ArrivedAsync(3, 3);
        Assert.All(await fetches, r => Assert.Equal(FetchStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Fetch_MaxConcurrency_LimitsRequestsInFlightPerHost()
    {
        // Servers that hold every request until the test lets it go: what is in flight is what they hold.
        using var a = RawHttpServer.Held();
        using var b = RawHttpServer.Held();
        using var host = new CrawlerHost();
        var two = CrawlerHost.Loopback with { MaxConcurrency = 2, RespectRobotsTxt = false };
        var four = two with { MaxConcurrency = 4 };

        var fetches = Task.WhenAll(Enumerable.Range(0, 4).SelectMany(i => new[]
        {
            host.FetchAsync(new Uri(a.BaseUri, $"/manifests/{i}.json"), two),
            host.FetchAsync(new Uri(b.BaseUri, $"/manifests/{i}.json"), four),
        }));

        // Four on B at once; two on A, and A's third only once one of its first two has been answered.
        await Progress.UntilAsync(() => a.Received == 2 && b.Received == 4, "A 2 and B 4 requests");
        await Progress.StaysAsync(() => a.Received, 2, "requests held on A");

        a.Release();
        await Progress.UntilAsync(() => a.Received == 3, "A's third request after one answer");
        await Progress.StaysAsync(() => a.Received, 3, "requests held on A");

        a.Release(3);
        b.Release(4);
        Assert.All(await fetches, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(2, a.MaxInFlight);
        Assert.Equal(4, b.MaxInFlight);
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

    private async Task ArrivedAsync(int onA, int onB) =>
        await Progress.UntilAsync(() => Progress.Manifests(_a) >= onA && Progress.Manifests(_b) >= onB, $"{onA} request(s) on A and {onB} on B");

    private async Task StaysAsync(int onA, int onB)
    {
        await Progress.StaysAsync(() => Progress.Manifests(_a), onA, "requests on A");
        Assert.Equal(onB, Progress.Manifests(_b));
    }
}
