using IiifHarvester.Harvesting.Scheduling;
using IiifHarvester.Indexing;
using IiifHarvester.Storage;
using IiifHarvester.Harvesting.Status;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;
using Xunit;
using IiifHarvester.Sources;

namespace IiifHarvester.Harvesting.Tests.Scheduling;

/// <summary>The Quartz side: persistent schedules, one run at a time per source, triggering now.</summary>
public sealed class SchedulingTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task Restart_SameSchedule_KeepsTheStoredTriggerAndDropsSourcesNoLongerConfigured()
    {
        using var institution = WireMockInstitution.Create().WithManifests(2).Build();
        DateTimeOffset firstStart;
        using (var host = await StartAsync(institution, ("inst", "0 0 3 * * ?"), ("gone", "0 0 4 * * ?")))
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var trigger = await scheduler.GetTrigger(new TriggerKey("inst", SourceScheduleSynchronizer.Group));
            Assert.NotNull(trigger);
            firstStart = trigger.StartTimeUtc;
            Assert.NotNull(await host.Services.GetRequiredService<HarvestTrigger>().NextFireTimeAsync("inst", default));
            await host.StopAsync();
        }

        await Task.Delay(1100);
        using (var host = await StartAsync(institution, ("inst", "0 0 3 * * ?")))
        {
            var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            var trigger = await scheduler.GetTrigger(new TriggerKey("inst", SourceScheduleSynchronizer.Group));

            // The trigger came back from quartz.db, not rebuilt: its start time (and any misfire it carries) is the first one.
            Assert.NotNull(trigger);
            Assert.Equal(firstStart, trigger.StartTimeUtc);
            Assert.Null(await scheduler.GetJobDetail(SourceScheduleSynchronizer.JobKeyOf("gone")));
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Trigger_TwiceAtOnce_RunsOneAfterTheOtherNeverTogether()
    {
        using var institution = WireMockInstitution.Create().WithManifests(3).Build();
        institution.SetFault("/discovery/collection.json", InstitutionFault.Delayed(TimeSpan.FromMilliseconds(700)));
        using var host = await StartAsync(institution, ("inst", "0 0 3 * * ?"));
        var trigger = host.Services.GetRequiredService<HarvestTrigger>();
        var board = host.Services.GetRequiredService<HarvestStatusBoard>();

        Assert.True(await trigger.TriggerAsync("inst", default));
        Assert.True(await trigger.TriggerAsync("inst", default));

        // Watch the board: a second run may start only after the first finished ([DisallowConcurrentExecution]).
        var finishedRuns = new HashSet<DateTimeOffset>();
        DateTimeOffset? lastStart = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (finishedRuns.Count < 2 && DateTime.UtcNow < deadline)
        {
            if (board.Running("inst") is { } running && running.StartedAt != lastStart)
            {
                if (lastStart is not null)
                {
                    Assert.Contains(board.LastRun("inst")!.StartedAt, new[] { lastStart.Value });
                }

                lastStart = running.StartedAt;
            }

            if (board.LastRun("inst") is { } last)
            {
                finishedRuns.Add(last.StartedAt);
            }

            await Task.Delay(20);
        }

        Assert.Equal(2, finishedRuns.Count);
        await host.StopAsync();
    }

    private async Task<IHost> StartAsync(WireMockInstitution institution, params (string Key, string Cron)[] sources)
    {
        var settings = new Dictionary<string, string?>(DataFolder.SettingsFor(_dir.Path))
        {
            ["Harvesting:Schedule"] = "true",
            ["Crawling:RetryBaseDelay"] = "00:00:00.010",
        };
        foreach (var (key, cron) in sources)
        {
            foreach (var (k, v) in HarvestHarness.StreamSource(key, institution.StreamUri.AbsoluteUri))
            {
                settings[k] = v;
            }

            settings[$"Sources:{key}:Schedule"] = cron;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddIiifStorage(builder.Configuration);
        builder.Services.AddIiifCrawling(builder.Configuration);
        builder.Services.AddIiifIndexing(builder.Configuration);
        builder.Services.AddIiifHarvesting(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
