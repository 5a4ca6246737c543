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
        Assert.Equal(0, await RunToEndAsync(clean));
        var expected = await StoreSnapshot.ReadAsync(clean, "demo");
        Assert.Equal(_demo.Institution.LiveManifests().Count(), expected.Manifests);
        Assert.Equal(expected.LastSequence, expected.CommittedSequence);

        var random = new Random(20261123);
        var killedMidway = 0;
        for (var i = 0; i < Kills; i++)
        {
            var data = _dir.Combine($"kill{i}");
            var delay = TimeSpan.FromMilliseconds(random.Next(300, 2500));
            using (var host = Start(data))
            {
                await Task.Delay(delay);
                if (!host.HasExited)
                {
                    killedMidway++;
                }

                host.Kill();
            }

            Assert.Equal(0, await RunToEndAsync(data));
            var actual = await StoreSnapshot.ReadAsync(data, "demo");
            _output.WriteLine($"kill {i} after {delay.TotalMilliseconds} ms: {actual.Documents.Count} documents, {actual.Manifests} manifests, {actual.Annotations} annotations");
            Assert.Equal(expected.Documents, actual.Documents);
            Assert.Equal(expected.Manifests, actual.Manifests);
            Assert.Equal(expected.Annotations, actual.Annotations);
            Assert.Equal(actual.LastSequence, actual.CommittedSequence);
        }

        // The kills must have landed inside harvests, not only before or after them.
        Assert.True(killedMidway >= Kills / 2, $"only {killedMidway} of {Kills} kills landed while the harvest ran");
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
