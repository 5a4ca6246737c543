using IiifHarvester.Crawling.Fetching;
using IiifHarvester.Crawling.Robots;
using IiifHarvester.TestUtilities.Institutions;
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
        using var host = new CrawlerHost();

        await host.WarmUpAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.FetchAsync(institution.ManifestUri(i))));

        // Three manifests, about one Crawl-delay apart as the server saw them arrive (the gate spaces the sends; a new
        // connection for the first one shifts its arrival by some milliseconds, hence the slack).
        var arrivals = institution.Server.LogEntries.Where(e => e.RequestMessage!.Path.StartsWith("/manifests/", StringComparison.Ordinal))
            .Select(e => e.RequestMessage!.DateTime).Order().ToList();
        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.Equal(3, arrivals.Count);
        Assert.True(arrivals[2] - arrivals[0] >= TimeSpan.FromMilliseconds(550), $"{arrivals[2] - arrivals[0]} from first to last");
        Assert.All(arrivals.Zip(arrivals.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromMilliseconds(220), $"{pair.Second - pair.First} apart"));
    }

    [Fact]
    public async Task Fetch_SourceOverridesCrawlDelay_UsesItsOwnDelay()
    {
        using var institution = WireMockInstitution.Create().WithManifests(3).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nCrawl-delay: 30\n"));
        using var host = new CrawlerHost();
        var policy = CrawlerHost.Loopback with { CrawlDelay = TimeSpan.Zero };

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => host.FetchAsync(institution.ManifestUri(i), policy)));

        // Honouring robots.txt's 30 s would take a minute; the source's own delay (none) applies instead.
        Assert.All(results, r => Assert.Equal(FetchStatus.Ok, r.Status));
        Assert.All(results, r => Assert.True(r.Elapsed < TimeSpan.FromSeconds(10), $"took {r.Elapsed}"));
    }

    [Fact]
    public async Task Fetch_RobotsCrawlDelayOverTheCap_IsCapped()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).Build();
        institution.Server.Given(Request.Create().UsingGet().WithPath("/robots.txt")).AtPriority(1)
            .RespondWith(Response.Create().WithBody("User-agent: *\nCrawl-delay: 86400\n"));
        using var host = new CrawlerHost(o => o.MaxCrawlDelay = TimeSpan.FromMilliseconds(300));

        await host.FetchAsync(institution.ManifestUri(0));
        var second = await host.FetchAsync(institution.ManifestUri(1));

        Assert.Equal(FetchStatus.Ok, second.Status);
        Assert.True(second.Elapsed >= TimeSpan.FromMilliseconds(250) && second.Elapsed < TimeSpan.FromSeconds(10), $"took {second.Elapsed}");
    }
}
