using System.Globalization;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Fetching;

public sealed class RetryAfterTests : IDisposable
{
    private readonly WireMockInstitution _institution = WireMockInstitution.Create().WithManifests(1).Build();

    public void Dispose() => _institution.Dispose();

    [Fact]
    public async Task Fetch_429WithRetryAfterSeconds_WaitsExactlyThatLongThenSucceeds()
    {
        var time = new FakeTimeProvider();
        using var host = new CrawlerHost(timeProvider: time);
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(429, times: 1, retryAfter: "120"));

        var fetch = host.FetchAsync(_institution.ManifestUri(0));
        var retryLog = await WaitForRetryLogAsync(host);
        time.Advance(TimeSpan.FromSeconds(119));
        await Task.Delay(100);
        var waitingAt119 = !fetch.IsCompleted && _institution.RequestCount("/manifests/0.json") == 1;
        time.Advance(TimeSpan.FromSeconds(1));
        var result = await fetch.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("in 120000 ms", retryLog, StringComparison.Ordinal);
        Assert.True(waitingAt119);
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Fetch_RetryAfterHttpDate_WaitsUntilThatDate(int status)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(timeProvider: time);
        var date = time.GetUtcNow().AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(status, times: 1, retryAfter: date));

        var fetch = host.FetchAsync(_institution.ManifestUri(0));
        var retryLog = await WaitForRetryLogAsync(host);
        time.Advance(TimeSpan.FromSeconds(90));
        var result = await fetch.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains("in 90000 ms", retryLog, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Ok, result.Status);
    }

    [Fact]
    public async Task Fetch_RetryAfterLongerThanMaxRetryDelay_GivesUpAtOnceAsTransient()
    {
        using var host = new CrawlerHost(o => o.MaxRetryDelay = TimeSpan.FromMinutes(1));
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(429, retryAfter: "3600"));

        var result = await host.FetchAsync(_institution.ManifestUri(0));

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Equal(429, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.False(result.MeansDeleted);
    }

    [Fact]
    public async Task Fetch_429Persisting_IsTransientAfterRetries()
    {
        using var host = new CrawlerHost(o => o.MaxRetries = 2);
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(429, retryAfter: "0"));

        var result = await host.FetchAsync(_institution.ManifestUri(0));

        Assert.Equal(FetchStatus.TransientFailure, result.Status);
        Assert.Equal(3, result.Attempts);
    }

    private static async Task<string> WaitForRetryLogAsync(CrawlerHost host)
    {
        for (var i = 0; i < 500; i++)
        {
            if (host.Log.FirstOrDefault(l => l.StartsWith("1003 ", StringComparison.Ordinal)) is { } line)
            {
                // Polly starts the delay right after the retry callback; give it a moment to register the timer.
                await Task.Delay(50);
                return line;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no retry was scheduled");
    }
}
