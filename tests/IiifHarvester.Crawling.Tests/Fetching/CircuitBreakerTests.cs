using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Fetching;

public sealed class CircuitBreakerTests : IDisposable
{
    private readonly WireMockInstitution _failing = WireMockInstitution.Create().WithManifests(3).Build();
    private readonly WireMockInstitution _healthy = WireMockInstitution.Create().WithManifests(3).Build();

    public void Dispose()
    {
        _failing.Dispose();
        _healthy.Dispose();
    }

    [Fact]
    public async Task Fetch_OneHostFailing_OpensOnlyThatHostsCircuitThenRecovers()
    {
        // The circuit's sampling window and break run on the fake clock: only the test moves time.
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(
            o =>
            {
                o.MaxRetries = 0;
                o.CircuitBreakerMinimumThroughput = 3;
                o.CircuitBreakerFailureRatio = 0.5;
                o.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(500);
            },
            time);
        _failing.SetFault("/manifests/0.json", InstitutionFault.WithStatus(503));
        for (var i = 0; i < 3; i++)
        {
            await host.FetchAsync(_failing.ManifestUri(0));
        }

        var sent = _failing.TotalRequests;
        var rejected = await host.FetchAsync(_failing.ManifestUri(1));
        var other = await host.FetchAsync(_healthy.ManifestUri(1));
        var rejectedAgain = await host.FetchAsync(_failing.ManifestUri(2));
        var sentWhileOpen = _failing.TotalRequests - sent;

        time.Advance(TimeSpan.FromMilliseconds(499));
        var stillOpen = await host.FetchAsync(_failing.ManifestUri(2));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var afterBreak = await host.FetchAsync(_failing.ManifestUri(1));

        Assert.Equal(FetchStatus.TransientFailure, rejected.Status);
        Assert.Contains("circuit open", rejected.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.TransientFailure, rejectedAgain.Status);
        Assert.Equal(0, sentWhileOpen);
        Assert.Contains("circuit open", stillOpen.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Ok, other.Status);
        Assert.Equal(FetchStatus.Ok, afterBreak.Status);
        Assert.False(rejected.MeansDeleted);
    }

    [Fact]
    public async Task Fetch_429s_DoNotOpenTheCircuit()
    {
        // 429 is the host asking us to slow down, not the host failing.
        using var host = new CrawlerHost(o =>
        {
            o.MaxRetries = 0;
            o.CircuitBreakerMinimumThroughput = 3;
        });
        _failing.SetFault("/manifests/0.json", InstitutionFault.WithStatus(429));
        for (var i = 0; i < 5; i++)
        {
            await host.FetchAsync(_failing.ManifestUri(0));
        }

        var next = await host.FetchAsync(_failing.ManifestUri(1));

        Assert.Equal(FetchStatus.Ok, next.Status);
    }
}
