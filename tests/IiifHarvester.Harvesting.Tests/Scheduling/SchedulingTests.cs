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
using IiifHarvester.Sources.Status;
using IiifHarvester.Harvesting.Pipeline;

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

    [Fact]
    public async Task Run_StoppedBecauseTheStoreWasOutOfReach_RunsAgainInTheJobUntilItFinishes()
    {
        using var institution = WireMockInstitution.Create().WithManifests(1).Build();
        var harvester = new StoreOutageHarvester(storeFailures: 2);
        using var host = await StartAsync(institution, [("inst", "0 0 3 * * ?")], services => services.AddSingleton<ISourceHarvester>(sp => harvester.With(sp.GetRequiredService<WriteHealth>())));

        Assert.True(await host.Services.GetRequiredService<HarvestTrigger>().TriggerAsync("inst", default));
        await WaitUntilAsync(() => harvester.Runs == 3, "two runs stopped by the store and a third that finished");
        await Task.Delay(500);

        Assert.Equal(3, harvester.Runs);
        Assert.True(host.Services.GetRequiredService<WriteHealth>().IsHealthy);
        await host.StopAsync();
    }

    [Fact]
    public async Task Run_FailedForAnotherReason_IsLeftToTheNextScheduledRun()
    {
        using var institution = WireMockInstitution.Create().WithManifests(1).Build();
        var harvester = new StoreOutageHarvester(storeFailures: 0, failEveryRun: true);
        using var host = await StartAsync(institution, [("inst", "0 0 3 * * ?")], services => services.AddSingleton<ISourceHarvester>(sp => harvester.With(sp.GetRequiredService<WriteHealth>())));

        Assert.True(await host.Services.GetRequiredService<HarvestTrigger>().TriggerAsync("inst", default));
        await WaitUntilAsync(() => harvester.Runs == 1, "the run");

        // Several retry delays (100 ms) pass: an institution that failed the run is not asked again before its schedule.
        await Task.Delay(1000);
        Assert.Equal(1, harvester.Runs);
        await host.StopAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition(), $"never saw {what}");
    }

    /// <summary>A harvester whose first runs stop because the store is out of reach (as the real one reports it).</summary>
    private sealed class StoreOutageHarvester(int storeFailures, bool failEveryRun = false) : ISourceHarvester
    {
        private WriteHealth? _health;
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public StoreOutageHarvester With(WriteHealth health)
        {
            _health = health;
            return this;
        }

        public Task<HarvestRunResult> HarvestAsync(SourceDefinition source, CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            var storeDown = run <= storeFailures;
            if (storeDown)
            {
                _health!.Failed(WriteHealth.Store, new InvalidOperationException("the database is down"));
            }
            else
            {
                _health!.Succeeded(WriteHealth.Store);
            }

            return Task.FromResult(new HarvestRunResult
            {
                SourceKey = source.Key,
                StartedAt = DateTimeOffset.UtcNow,
                FinishedAt = DateTimeOffset.UtcNow,
                Counts = new IiifHarvester.Harvesting.Pipeline.HarvestCounters(source.Key).Snapshot(),
                SourceFailed = storeDown || failEveryRun,
            });
        }
    }

    private Task<IHost> StartAsync(WireMockInstitution institution, params (string Key, string Cron)[] sources) =>
        StartAsync(institution, sources, configure: null);

    private async Task<IHost> StartAsync(WireMockInstitution institution, (string Key, string Cron)[] sources, Action<IServiceCollection>? configure)
    {
        var settings = new Dictionary<string, string?>(DataFolder.SettingsFor(_dir.Path))
        {
            ["Harvesting:Schedule"] = "true",
            ["Crawling:RetryBaseDelay"] = "00:00:00.010",
            ["Harvesting:StoreRetryDelay"] = "00:00:00.100",
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
        configure?.Invoke(builder.Services);
        builder.Services.AddIiifHarvesting(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
