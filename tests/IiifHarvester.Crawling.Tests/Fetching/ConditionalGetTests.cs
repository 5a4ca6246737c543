using System.Globalization;
using IiifHarvester.Crawling.Fetching;
using IiifHarvester.TestUtilities.Institutions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Fetching;

public sealed class ConditionalGetTests : IDisposable
{
    private static readonly DateTimeOffset Modified = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    private readonly WireMockInstitution _institution = WireMockInstitution.Create().WithManifests(1).Build();

    public void Dispose() => _institution.Dispose();

    [Fact]
    public async Task Fetch_WithLastModified_SendsIfModifiedSinceAndGets304()
    {
        var httpDate = Modified.ToString("R", CultureInfo.InvariantCulture);
        _institution.Server.Given(Request.Create().UsingGet().WithPath("/lm.json").WithHeader("If-Modified-Since", httpDate)).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304));
        _institution.Server.Given(Request.Create().UsingGet().WithPath("/lm.json")).AtPriority(2)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithHeader("Last-Modified", httpDate).WithBody("{\"id\":\"x\"}"));
        using var host = new CrawlerHost();

        var first = await host.FetchAsync(_institution.Url("/lm.json"));
        var second = await host.Fetcher.FetchAsync(new FetchRequest(_institution.Url("/lm.json"), CrawlerHost.Loopback) { LastModified = first.LastModified }, CancellationToken.None);

        Assert.Equal(FetchStatus.Ok, first.Status);
        Assert.Equal(Modified, first.LastModified);
        Assert.Equal(FetchStatus.NotModified, second.Status);
        Assert.Equal(1, second.Attempts);
        Assert.True(second.Body.IsEmpty);
        Assert.Equal(2, _institution.Server.LogEntries.Count(e => e.RequestMessage!.Path == "/lm.json"));
    }

    [Fact]
    public async Task Fetch_ETagAndLastModified_SendsBothValidators()
    {
        using var host = new CrawlerHost();

        await host.Fetcher.FetchAsync(
            new FetchRequest(_institution.ManifestUri(0), CrawlerHost.Loopback) { ETag = "W/\"abc\"", LastModified = Modified },
            CancellationToken.None);

        var headers = _institution.Server.LogEntries.Last(e => e.RequestMessage!.Path == "/manifests/0.json").RequestMessage!.Headers!;
        Assert.Equal("W/\"abc\"", headers["If-None-Match"].Single());
        Assert.Equal(Modified.ToString("R", CultureInfo.InvariantCulture), headers["If-Modified-Since"].Single());
    }
}
