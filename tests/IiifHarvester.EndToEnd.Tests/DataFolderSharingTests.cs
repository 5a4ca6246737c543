using System.Net;
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
    private const string AdminKey = "sharing-test-key";
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("iiifh-sharing");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DemoServer _demo = null!;

    public DataFolderSharingTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _demo = await DemoServer.StartAsync(new DemoInstitutionOptions
    {
        Manifests = 40,
        CanvasesPerManifest = 2,
        LinesPerCanvas = 3,
        ActivitiesPerPage = 10,
        Latency = TimeSpan.FromMilliseconds(25),
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _demo.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task HarvestOnce_OnTheDataOfAServeThatIsHarvesting_IsRefusedNamingItAndTheRunFinishesWhole()
    {
        var data = _dir.Combine("data");
        Directory.CreateDirectory(data);
        var port = IiifHarvester.TestUtilities.Images.IipImageUpstream.FreePort();
        var url = $"http://127.0.0.1:{port}";
        using var serve = HostProcess.Start(data, ["serve", "--data", data, "--urls", url, $"--Web:AdminKey={AdminKey}", .. SourceArgs()]);
        await WaitForAsync(serve, async () => (await _http.GetAsync($"{url}/healthz/live")).IsSuccessStatusCode, "serve to start");

        using (var trigger = new HttpRequestMessage(HttpMethod.Post, $"{url}/admin/sources/demo/harvest"))
        {
            trigger.Headers.Add("X-Admin-Key", AdminKey);
            Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(trigger)).StatusCode);
        }

        // Started, and far from done (each request takes its latency), when the second process comes.
        await WaitForAsync(serve, async () => (await SourceStatusAsync(url)).TryGetProperty("running", out var running)
            && running.ValueKind == JsonValueKind.Object
            && running.GetProperty("counts").GetProperty("fetched").GetInt64() >= 1, "the harvest to start");

        using (var once = HostProcess.Start(data, ["harvest", "--once", "--data", data, .. SourceArgs()]))
        {
            var code = await once.WaitAsync(TimeSpan.FromMinutes(2));
            _output.WriteLine(once.Output);
            Assert.Equal(1, code);
            Assert.Contains("demo\tREFUSED", once.Output, StringComparison.Ordinal);
            Assert.Contains($"is in use by another process ({Environment.MachineName}/{serve.Id}, since ", once.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", once.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("LockObtainFailed", once.Output, StringComparison.Ordinal);
        }

        // A second demo on the same folder is refused the same way, before it serves or harvests anything.
        using (var demo = HostProcess.Start(data, ["demo", "--data", data, "--urls", $"http://127.0.0.1:{IiifHarvester.TestUtilities.Images.IipImageUpstream.FreePort()}"]))
        {
            Assert.Equal(1, await demo.WaitAsync(TimeSpan.FromMinutes(2)));
            Assert.Contains($"demo: the index at {Path.Combine(data, "index")} is in use by another process ({Environment.MachineName}/{serve.Id}, ", demo.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", demo.Output, StringComparison.Ordinal);
        }

        // The first run goes on to the end, whole: no error, nothing fetched twice, the index equal to the store.
        JsonElement last = default;
        await WaitForAsync(serve, async () =>
        {
            var source = await SourceStatusAsync(url);
            last = source.GetProperty("lastRun");
            return last.ValueKind == JsonValueKind.Object && source.GetProperty("running").ValueKind == JsonValueKind.Null;
        }, "the first run to finish");
        _output.WriteLine(last.ToString());
        Assert.False(last.GetProperty("failed").GetBoolean());
        Assert.Equal(0, last.GetProperty("errorCount").GetInt32());
        var live = _demo.Institution.LiveManifests().Count();
        Assert.Equal(live, _demo.Institution.Requests["manifest"]);
        Assert.False(serve.HasExited);
        serve.Kill();

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

    private async Task<JsonElement> SourceStatusAsync(string url)
    {
        using var status = JsonDocument.Parse(await _http.GetStringAsync($"{url}/admin/status"));
        return status.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "demo").Clone();
    }

    // Progress-driven: polls until the condition holds; the bound only stops a hung process from hanging the run.
    private async Task WaitForAsync(HostProcess host, Func<Task<bool>> condition, string what)
    {
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            Assert.False(host.HasExited, $"the host exited while waiting for {what}:\n{host.Output}");
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        _output.WriteLine(host.Output);
        throw new TimeoutException($"gave up waiting for {what}");
    }
}
