using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// The store's crash contract: a harvest killed at any point (SIGKILL, no clean shutdown) and started again ends
/// with the store and the index holding exactly what a clean run holds.
/// </summary>
[Collection(nameof(CrashRecoveryTests))]
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Kills = 20;
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("iiifh-crash");
    private DemoServer _demo = null!;

    public CrashRecoveryTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _demo = await DemoServer.StartAsync(new DemoInstitutionOptions
    {
        Manifests = 40,
        CanvasesPerManifest = 2,
        LinesPerCanvas = 3,
        ActivitiesPerPage = 10,
        Latency = TimeSpan.FromMilliseconds(4),
    });

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Harvest_KilledAtRandomPointsAndRestarted_HoldsExactlyWhatACleanRunHolds()
    {
        var clean = _dir.Combine("clean");
        _demo.Institution.Requests.Reset();
        Assert.Equal(0, await RunToEndAsync(clean));
        var requestsPerRun = _demo.Institution.Requests.Total;
        var expected = await StoreSnapshot.ReadAsync(clean, "demo");
        Assert.Equal(_demo.Institution.LiveManifests().Count(), expected.Manifests);
        Assert.Equal(expected.LastSequence, expected.CommittedSequence);
        Assert.True(requestsPerRun > Kills, $"a clean run made only {requestsPerRun} requests");

        // Each kill lands at a random point of the harvest's own progress (after its k-th request to the
        // institution, k from the first request to the last one), not after a wall-clock delay: how long a
        // harvest takes depends on the machine, where it is in its work does not.
        var random = new Random(20261123);
        var killedMidway = 0;
        for (var i = 0; i < Kills; i++)
        {
            var data = _dir.Combine($"kill{i}");
            var killAfter = random.Next(1, requestsPerRun + 1);
            _demo.Institution.Requests.Reset();
            using (var host = Start(data))
            {
                while (_demo.Institution.Requests.Total < killAfter && !host.HasExited)
                {
                    await Task.Delay(1);
                }

                if (!host.HasExited)
                {
                    killedMidway++;
                }

                host.Kill();
            }

            var reached = _demo.Institution.Requests.Total;
            Assert.Equal(0, await RunToEndAsync(data));
            var actual = await StoreSnapshot.ReadAsync(data, "demo");
            _output.WriteLine($"kill {i} after request {reached} of {requestsPerRun} (aimed at {killAfter}): {actual.Documents.Count} documents, {actual.Manifests} manifests, {actual.Annotations} annotations");
            Assert.Equal(expected.Documents, actual.Documents);
            Assert.Equal(expected.Manifests, actual.Manifests);
            Assert.Equal(expected.Annotations, actual.Annotations);
            Assert.Equal(actual.LastSequence, actual.CommittedSequence);
        }

        // The kills must have landed inside harvests, not only after them.
        Assert.True(killedMidway >= Kills * 3 / 4, $"only {killedMidway} of {Kills} kills landed while the harvest ran");
    }

    private HostProcess Start(string data)
    {
        Directory.CreateDirectory(data);
        return HostProcess.Start(
            data,
            "harvest", "--once", "--data", data,
            $"--Sources:demo:Streams:0={_demo.Institution.StreamUri}",
            "--Sources:demo:AllowPrivateNetworks=true",
            "--Sources:demo:RequestsPerSecond=1000",
            "--Sources:demo:MaxConcurrency=8",
            "--Harvesting:Parallelism=8");
    }

    private async Task<int> RunToEndAsync(string data)
    {
        using var host = Start(data);
        var code = await host.WaitAsync(TimeSpan.FromMinutes(2));
        if (code != 0)
        {
            _output.WriteLine(host.Output);
        }

        return code;
    }
}
