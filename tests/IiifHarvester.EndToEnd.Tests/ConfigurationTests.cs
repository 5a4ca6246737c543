using IiifHarvester.Harvesting;
using IiifHarvester.Images;
using IiifHarvester.Indexing;
using IiifHarvester.Storage;
using IiifHarvester.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>Configuration in one place: the data folder resolved once, every options class checked on start.</summary>
public sealed class ConfigurationTests : IDisposable
{
    private readonly TempDirectory _dir = new("iiifh-config");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Host_RelativeDataDirectory_ResolvedOnceAndEveryEngineKeepsItsFilesUnderIt()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _dir.Path);
        Assert.False(Path.IsPathRooted(relative));

        await using var app = HarvesterApp.CreateBuilder([$"--Data:Directory={relative}", "--Harvesting:Schedule=false"]).Build();

        Assert.Equal(_dir.Path, app.Configuration["Data:Directory"]);
        Assert.Equal(_dir.Combine("store.db"), app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath);
        Assert.Equal(_dir.Combine("index"), app.Services.GetRequiredService<IOptions<IndexingOptions>>().Value.Directory);
        Assert.Equal(_dir.Combine("image-cache"), app.Services.GetRequiredService<IOptions<ImagesOptions>>().Value.CacheDirectory);
        Assert.Equal(_dir.Combine("quartz.db"), app.Services.GetRequiredService<IOptions<HarvestingOptions>>().Value.SchedulerDatabasePath);
    }

    [Fact]
    public async Task Host_EnginePathSetByTheOperator_WinsOverTheDataFolder()
    {
        var index = _dir.Combine("elsewhere", "index");

        await using var app = HarvesterApp.CreateBuilder([$"--Data:Directory={_dir.Path}", $"--Indexing:Directory={index}", "--Harvesting:Schedule=false"]).Build();

        Assert.Equal(index, app.Services.GetRequiredService<IOptions<IndexingOptions>>().Value.Directory);
        Assert.Equal(_dir.Combine("store.db"), app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath);
    }

    [Fact]
    public async Task Host_BadHarvestingSettings_RefusesToStartNamingEveryOne()
    {
        var message = await StartFailureAsync(
            "--Harvesting:Parallelism=0", "--Harvesting:LeaseDuration=00:00:01",
            "--Harvesting:FailureRetryDelay=02:00:00", "--Harvesting:FailureRetryMaxDelay=01:00:00");

        Assert.Contains("Harvesting:Parallelism must be between 1 and 1024 (it is 0)", message, StringComparison.Ordinal);
        Assert.Contains("Harvesting:LeaseDuration must be at least 00:00:03 (it is 00:00:01)", message, StringComparison.Ordinal);
        Assert.Contains("Harvesting:FailureRetryMaxDelay (01:00:00) must be at least FailureRetryDelay (02:00:00)", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_BadClusterSettings_RefusesToStartNamingEveryOne()
    {
        var message = await StartFailureAsync("--Cluster:MaxLag=-1", "--Cluster:HeartbeatInterval=00:00:00");

        Assert.Contains("Cluster:MaxLag must not be negative (it is -1)", message, StringComparison.Ordinal);
        Assert.Contains("Cluster:HeartbeatInterval must be positive", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_NoHarvestingSettings_UsesTheDefaultsInCode()
    {
        // appsettings.json no longer repeats defaults (it once said 16 where the code said 64).
        await using var app = HarvesterApp.CreateBuilder([$"--Data:Directory={_dir.Path}", "--Harvesting:Schedule=false"]).Build();

        Assert.Equal(new HarvestingOptions().Parallelism, app.Services.GetRequiredService<IOptions<HarvestingOptions>>().Value.Parallelism);
    }

    private async Task<string> StartFailureAsync(params string[] settings)
    {
        await using var app = HarvesterApp.CreateBuilder(
            [$"--Data:Directory={_dir.Path}", "--urls=http://127.0.0.1:0", "--Harvesting:Schedule=false", .. settings]).Build();

        // One options class failing throws its OptionsValidationException; several throw them together.
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        var failures = thrown is AggregateException all ? all.InnerExceptions : [thrown];
        Assert.All(failures, f => Assert.IsType<OptionsValidationException>(f));
        return string.Join("\n", failures.Select(f => f.Message));
    }
}
