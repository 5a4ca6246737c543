using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Robots;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Robots;

public sealed class RobotsRulesTests
{
    private const string Robots = """
        User-agent: *
        Disallow: /private/
        Crawl-delay: 10

        User-agent: OtherBot
        Disallow: /

        User-agent: iiifharvester
        User-agent: SomethingElse
        Disallow: /iiif/
        Allow: /iiif/manifests/
        Disallow: /*.pdf$
        Crawl-delay: 2
        """;

    [Theory]
    [InlineData("/iiif/collection.json", false)]
    [InlineData("/iiif/manifests/1.json", true)]
    [InlineData("/private/x.json", true)]
    [InlineData("/files/book.pdf", false)]
    [InlineData("/files/book.pdf?x=1", true)]
    [InlineData("/robots.txt", true)]
    public void IsAllowed_OurGroup_LongestMatchWins(string path, bool expected)
    {
        var rules = RobotsRules.Parse(Robots, "IiifHarvester");

        Assert.Equal(expected, rules.IsAllowed(new Uri("https://example.org" + path)));
        Assert.Equal(TimeSpan.FromSeconds(2), rules.CrawlDelay);
    }

    [Fact]
    public void Parse_NoGroupForUs_UsesTheStarGroup()
    {
        var rules = RobotsRules.Parse(Robots, "AnotherHarvester");

        Assert.False(rules.IsAllowed(new Uri("https://example.org/private/a")));
        Assert.True(rules.IsAllowed(new Uri("https://example.org/iiif/collection.json")));
        Assert.Equal(TimeSpan.FromSeconds(10), rules.CrawlDelay);
    }

    [Fact]
    public void IsAllowed_AllowAndDisallowOfEqualLength_AllowWins()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /a\nAllow: /a\n", "IiifHarvester");

        Assert.True(rules.IsAllowed(new Uri("https://example.org/a/b")));
    }

    [Fact]
    public void Parse_Garbage_AllowsEverything()
    {
        var rules = RobotsRules.Parse("<html>not robots</html>\n\0\0", "IiifHarvester");

        Assert.True(rules.IsAllowed(new Uri("https://example.org/anything")));
        Assert.Null(rules.CrawlDelay);
    }

    [Fact]
    public async Task Fetch_RobotsDisallows_IsBlockedAndNotSent()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nDisallow: /manifests/1.json\n"));
        using var host = new CrawlerHost();

        var blocked = await host.FetchAsync(institution.ManifestUri(1));
        var allowed = await host.FetchAsync(institution.ManifestUri(0));
        var ignoring = await host.FetchAsync(institution.ManifestUri(1), CrawlerHost.Loopback with { RespectRobotsTxt = false });

        Assert.Equal(FetchStatus.Blocked, blocked.Status);
        Assert.Contains("robots.txt", blocked.Error, StringComparison.Ordinal);
        Assert.Equal(FetchStatus.Ok, allowed.Status);
        Assert.Equal(FetchStatus.Ok, ignoring.Status);
        Assert.Equal(1, institution.RequestCount("/manifests/1.json"));
        Assert.Single(institution.Server.LogEntries, e => e.RequestMessage?.Path == "/robots.txt");
    }

    [Fact]
    public async Task Fetch_RobotsCrawlDelay_SpacesRequestsToTheHost()
    {
        using var institution = WireMockInstitution.Create().WithManifests(3).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nCrawl-delay: 0.3\n"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(timeProvider: time);

        var fetches = Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.FetchAsync(institution.ManifestUri(i))));

        // One manifest per Crawl-delay on the clock, and never sooner: the clock stands still between steps.
        for (var expected = 1; expected <= 3; expected++)
        {
            await Progress.UntilAsync(() => Progress.Manifests(institution) == expected, $"manifest request {expected}");
            await Progress.StaysAsync(() => Progress.Manifests(institution), expected, "manifest requests");
            time.Advance(TimeSpan.FromMilliseconds(299));
            await Progress.StaysAsync(() => Progress.Manifests(institution), expected, "manifest requests 299 ms on");
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        Assert.All(await fetches, r => Assert.Equal(FetchStatus.Ok, r.Status));
    }

    [Fact]
    public async Task Fetch_SourceOverridesCrawlDelay_UsesItsOwnDelay()
    {
        using var institution = WireMockInstitution.Create().WithManifests(3).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nCrawl-delay: 30\n"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(timeProvider: time);
        var policy = CrawlerHost.Loopback with { CrawlDelay = TimeSpan.Zero };

        // Honouring robots.txt's 30 s would need the clock to move; the source's own delay (none) lets all three go.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.FetchAsync(institution.ManifestUri(i), policy)));

        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(3, Progress.Manifests(institution));
    }

    [Fact]
    public async Task Fetch_RobotsCrawlDelayOverTheCap_IsCapped()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nCrawl-delay: 86400\n"));
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var host = new CrawlerHost(o => o.MaxCrawlDelay = TimeSpan.FromMilliseconds(300), time);

        await host.FetchAsync(institution.ManifestUri(0));
        var second = host.FetchAsync(institution.ManifestUri(1));
        await Progress.StaysAsync(() => Progress.Manifests(institution), 1, "manifest requests before the capped delay");
        time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(FetchStatus.Ok, (await second).Status);
        Assert.Equal(2, Progress.Manifests(institution));
    }
}
