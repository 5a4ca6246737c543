using System.Text.Json;
using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// Two real processes on one data folder: a <c>serve</c> harvesting, and a <c>harvest --once</c> or a second
/// <c>demo</c> started on its data. The second is refused, saying which process holds the folder, before it opens
/// anything for writing; the first run finishes with nothing lost or fetched twice.
/// </summary>
[Collection(nameof(CrashRecoveryTests))]
public sealed class DataFolderSharingTests : IAsyncLifetime
{
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("iiifh-sharing");
    private DemoServer _demo = null!;

    public DataFolderSharingTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _demo = await DemoServer.StartAsync(new DemoInstitutionOptions
    {
        Manifests = 40,
        CanvasesPerManifest = 2,
        LinesPerCanvas = 3,
        ActivitiesPerPage = 10,
        Latency = TimeSpan.FromMilliseconds(60),
    });

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task HarvestOnce_OnTheDataOfAServeThatIsHarvesting_IsRefusedNamingItAndTheRunFinishesWhole()
    {
        var data = _dir.Combine("data");
        Directory.CreateDirectory(data);
        using var serve = await ServeProcess.StartAsync(data, SourceArgs());
        await serve.TriggerAsync("demo");

        // Started, and far from done (each request takes its latency), when the second process comes.
        await serve.WaitForAsync(async () => (await serve.SourceStatusAsync("demo")).GetProperty("running") is { ValueKind: JsonValueKind.Object } running
            && running.GetProperty("counts").GetProperty("fetched").GetInt64() >= 1, "the harvest to start");

        var holder = $"is in use by another process ({Environment.MachineName}/{serve.Host.Id}, since ";
        using (var once = HostProcess.Start(data, ["harvest", "--once", "--data", data, .. SourceArgs()]))
        {
            var code = await once.WaitAsync(TimeSpan.FromMinutes(2));
            _output.WriteLine(once.Output);
            _output.WriteLine($"refused with {_demo.Institution.Requests["manifest"]} of {_demo.Institution.LiveManifests().Count()} manifests fetched by the first run");
            Assert.Equal(1, code);
            Assert.Contains("demo\tREFUSED", once.Output, StringComparison.Ordinal);
            Assert.Contains(holder, once.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", once.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("LockObtainFailed", once.Output, StringComparison.Ordinal);
        }

        // A second demo on the same folder is refused the same way, before it serves or harvests anything.
        using (var demo = HostProcess.Start(data, ["demo", "--data", data, "--urls", $"http://127.0.0.1:{IiifHarvester.TestUtilities.Images.IipImageUpstream.FreePort()}"]))
        {
            Assert.Equal(1, await demo.WaitAsync(TimeSpan.FromMinutes(2)));
            Assert.Contains($"demo: the index at {Path.Combine(data, "index")} {holder}", demo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", demo.Output, StringComparison.Ordinal);
        }

        // The first run goes on to the end, whole: no error, nothing fetched twice, the index equal to the store.
        var last = await serve.WaitForRunAsync("demo");
        _output.WriteLine(last.ToString());
        Assert.False(last.GetProperty("failed").GetBoolean());
        Assert.Equal(0, last.GetProperty("errorCount").GetInt32());
        var live = _demo.Institution.LiveManifests().Count();
        Assert.Equal(live, _demo.Institution.Requests["manifest"]);
        serve.Host.Kill();

        var snapshot = await StoreSnapshot.ReadAsync(data, "demo", catchUp: false);
        Assert.Equal(live, snapshot.Manifests);
        Assert.Equal(snapshot.LastSequence, snapshot.CommittedSequence);
    }

    private string[] SourceArgs() =>
    [
        $"--Sources:demo:Streams:0={_demo.Institution.StreamUri}",
        "--Sources:demo:AllowPrivateNetworks=true",
        "--Sources:demo:RequestsPerSecond=1000",
        "--Sources:demo:MaxConcurrency=2",
        "--Sources:demo:Schedule=0 0 3 1 1 ? 2099",
        "--Harvesting:Parallelism=2",
    ];
}
