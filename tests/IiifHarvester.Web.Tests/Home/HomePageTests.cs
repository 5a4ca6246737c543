using System.Text.RegularExpressions;
using IiifHarvester.Indexing.Tests.Fixtures;
using IiifHarvester.Sources;
using IiifHarvester.Storage.Documents;
using IiifHarvester.Web.Tests.Search;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IiifHarvester.Web.Tests.Home;

public sealed class HomePageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Harvested = new(2026, 3, 4, 5, 6, 0, TimeSpan.Zero);
    private SearchApiHost _host = null!;

    public async Task InitializeAsync() => _host = await SearchApiHost.StartAsync(configure: services => services.AddSingleton(new SourceCatalog(
        [Source(DemoInstitution.Source, "Demo Library"), Source("quiet", "Quiet Archive")], [])));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Home_SourceWithARecordedHarvest_SaysWhenItWasLastHarvestedFromTheStore()
    {
        await LastHarvest.After(null, Harvested.AddMinutes(-3), Harvested, failed: false).WriteAsync(_host.Store, DemoInstitution.Source, default);

        var item = Institution(await GetHomeAsync(), "Demo Library");

        Assert.Contains("last harvested <time datetime=\"2026-03-04T05:06:00Z\">4 March 2026, 05:06 UTC</time>", item, StringComparison.Ordinal);
        Assert.DoesNotContain("failed", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_LatestAttemptFailed_KeepsTheLastHarvestAndSaysTheAttemptFailed()
    {
        var succeeded = LastHarvest.After(null, Harvested.AddMinutes(-3), Harvested, failed: false);
        var failedAt = Harvested.AddDays(1);
        await LastHarvest.After(succeeded, failedAt.AddMinutes(-1), failedAt, failed: true).WriteAsync(_host.Store, DemoInstitution.Source, default);

        var item = Institution(await GetHomeAsync(), "Demo Library");

        Assert.Contains("last harvested <time datetime=\"2026-03-04T05:06:00Z\">", item, StringComparison.Ordinal);
        Assert.Contains("the latest attempt, <time datetime=\"2026-03-05T05:06:00Z\">5 March 2026, 05:06 UTC</time>, failed", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_SourceNeverHarvested_SaysNotYetHarvested()
    {
        var item = Institution(await GetHomeAsync(), "Quiet Archive");

        Assert.Contains("0 objects, not yet harvested", item, StringComparison.Ordinal);
        Assert.DoesNotContain("last harvested", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_UnreadableRecord_AnswersThePageWithoutALastHarvest()
    {
        await _host.Store.SetCheckpointAsync(DemoInstitution.Source, LastHarvest.CheckpointName, "{not json", default);

        var item = Institution(await GetHomeAsync(), "Demo Library");

        Assert.DoesNotContain("last harvested", item, StringComparison.Ordinal);
        Assert.Contains("objects; newest change <time", item, StringComparison.Ordinal);
    }

    private static SourceDefinition Source(string key, string name) => new() { Key = key, Name = name, Schedule = "false" };

    private static string Institution(string html, string name) =>
        Regex.Matches(html, "<li>(.*?)</li>", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Single(item => item.Contains(name, StringComparison.Ordinal));

    private async Task<string> GetHomeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await _host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }
}
