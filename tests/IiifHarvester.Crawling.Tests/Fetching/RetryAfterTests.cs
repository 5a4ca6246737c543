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
        var clock = new FakeTimeProvider();
        var time = new DueTimerWatch(clock, TimeSpan.FromSeconds(120));
        using var host = new CrawlerHost(timeProvider: time);
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(429, times: 1, retryAfter: "120"));

        var result = await RetriedOnlyAtAsync(host.FetchAsync(_institution.ManifestUri(0)), time, clock, TimeSpan.FromSeconds(120));

        Assert.Contains(host.Log, l => l.StartsWith("1003 ", StringComparison.Ordinal) && l.Contains("in 120000 ms", StringComparison.Ordinal));
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, _institution.RequestCount("/manifests/0.json"));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Fetch_RetryAfterHttpDate_WaitsUntilThatDate(int status)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var time = new DueTimerWatch(clock, TimeSpan.FromSeconds(90));
        using var host = new CrawlerHost(timeProvider: time);
        var date = clock.GetUtcNow().AddSeconds(90).ToString("R", CultureInfo.InvariantCulture);
        _institution.SetFault("/manifests/0.json", InstitutionFault.WithStatus(status, times: 1, retryAfter: date));

        var result = await RetriedOnlyAtAsync(host.FetchAsync(_institution.ManifestUri(0)), time, clock, TimeSpan.FromSeconds(90));

        Assert.Contains(host.Log, l => l.StartsWith("1003 ", StringComparison.Ordinal) && l.Contains("in 90000 ms", StringComparison.Ordinal));
        Assert.Equal(FetchStatus.Ok, result.Status);
        Assert.Equal(2, result.Attempts);
    }

    /// <summary>
    /// Once the retry's timer exists, steps the clock to one second short of <paramref name="wait"/> (the timer has
    /// not fired, so no second request can be on its way), then onto it; the fetch's result.
    /// </summary>
    private async Task<FetchResult> RetriedOnlyAtAsync(Task<FetchResult> fetch, DueTimerWatch time, FakeTimeProvider clock, TimeSpan wait)
    {
        await time.Created.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(wait - TimeSpan.FromSeconds(1));

        Assert.False(time.Fired);
        Assert.False(fetch.IsCompleted);
        Assert.Equal(1, _institution.RequestCount("/manifests/0.json"));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(time.Fired);
        return await fetch.WaitAsync(TimeSpan.FromSeconds(10));
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
}
