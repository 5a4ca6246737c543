using IiifHarvester.Sources;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Sources;

public sealed class SourceCatalogLoaderTests
{
    [Fact]
    public void Load_ValidSource_ReadsEverySetting()
    {
        var catalog = Load(new()
        {
            ["Sources:nls:Name"] = "National Library",
            ["Sources:nls:Streams:0"] = "https://example.org/activity/all-changes",
            ["Sources:nls:Collections:0"] = "https://example.org/collection/top",
            ["Sources:nls:Schedule"] = "0 0 2 * * ?",
            ["Sources:nls:RequestsPerSecond"] = "0.5",
            ["Sources:nls:MaxConcurrency"] = "3",
            ["Sources:nls:CrawlDelay"] = "2",
            ["Sources:nls:Headers:X-Api-Key"] = "k",
            ["Sources:nls:FetchOcr"] = "false",
            ["Sources:nls:StreamOverlap"] = "00:30:00",
        });

        var source = Assert.Single(catalog.Sources);
        Assert.Empty(catalog.Problems);
        Assert.Equal("nls", source.Key);
        Assert.Equal("National Library", source.Name);
        Assert.Equal(new Uri("https://example.org/activity/all-changes"), Assert.Single(source.Streams));
        Assert.Equal(new Uri("https://example.org/collection/top"), Assert.Single(source.Collections));
        Assert.Equal("0 0 2 * * ?", source.Schedule);
        Assert.NotEqual(SourceCatalogLoader.DefaultSchedule, source.Schedule);
        Assert.Equal(0.5, source.RequestsPerSecond);
        Assert.Equal(3, source.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(2), source.CrawlDelay);
        Assert.Equal("k", source.Headers["X-Api-Key"]);
        Assert.False(source.FetchOcr);
        Assert.Equal(TimeSpan.FromMinutes(30), source.StreamOverlap);
        Assert.Equal(["example.org"], source.Hosts);
    }

    [Fact]
    public void Load_BadSources_AreReportedByNameWithEveryErrorAndOthersStillLoad()
    {
        var catalog = Load(new()
        {
            ["Sources:good:Streams"] = "https://example.org/activity/all-changes",
            ["Sources:badurl:Streams:0"] = "not a url",
            ["Sources:badurl:Collections:0"] = "ftp://example.org/c",
            ["Sources:typo:Streamz:0"] = "https://example.org/s",
            ["Sources:typo:Manifests:0"] = "https://example.org/m",
            ["Sources:cron:Streams:0"] = "https://example.org/s",
            ["Sources:cron:Schedule"] = "every hour please",
            ["Sources:many:Streams:0"] = "https://example.org/s",
            ["Sources:many:MaxConcurrency"] = "0",
            ["Sources:many:FetchOcr"] = "sometimes",
        });

        Assert.Equal("good", Assert.Single(catalog.Sources).Key);
        var problems = catalog.Problems.ToDictionary(p => p.SourceKey);
        Assert.Equal(["badurl", "cron", "many", "typo"], problems.Keys.Order());
        Assert.Equal(3, problems["badurl"].Errors.Count);
        Assert.Contains(problems["badurl"].Errors, e => e.Contains("'not a url' is not an absolute http or https URL", StringComparison.Ordinal));
        Assert.Contains(problems["typo"].Errors, e => e.Contains("unknown setting 'Streamz'", StringComparison.Ordinal));
        Assert.Contains(problems["cron"].Errors, e => e.Contains("not a valid Quartz cron expression", StringComparison.Ordinal));
        Assert.Equal(2, problems["many"].Errors.Count);
    }

    [Fact]
    public void Load_DisabledSource_IsNeitherScheduledNorAProblem()
    {
        var catalog = Load(new()
        {
            ["Sources:off:Enabled"] = "false",
            ["Sources:off:Streams:0"] = "https://example.org/s",
        });

        Assert.Empty(catalog.Sources);
        Assert.Empty(catalog.Problems);
    }

    [Fact]
    public void Load_BadKey_IsReported()
    {
        var catalog = Load(new() { ["Sources:Bad Key!:Streams:0"] = "https://example.org/s" });

        Assert.Contains("lowercase letters", Assert.Single(Assert.Single(catalog.Problems).Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ShippedExampleConfig_IsValidAndDisabled()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(TestUtilities.RepositoryPaths.Root, "config", "bodleian.json"))
            .Build();

        var catalog = SourceCatalogLoader.Load(configuration);

        Assert.Empty(catalog.Problems);
        Assert.Empty(catalog.Sources);
        Assert.Equal("false", configuration["Sources:bodleian:Enabled"], ignoreCase: true);
    }

    private static SourceCatalog Load(Dictionary<string, string?> values) =>
        SourceCatalogLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
}
