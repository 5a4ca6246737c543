using System.Net;
using System.Text.Json;
using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using Xunit;
using Xunit.Abstractions;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// A store that cannot be written, for real: the store's file bind-mounted read-only, so even root (as CI runs) gets
/// EROFS. <c>serve</c> starts on it and serves what is committed; a triggered harvest fails at once saying why, in
/// the log and <c>/admin/status</c>, is never left running, and readiness says writes fail; once the file can be
/// written again the next harvest runs, without a restart.
/// </summary>
[Collection(nameof(CrashRecoveryTests))]
public sealed class ReadOnlyStoreTests : IAsyncLifetime
{
    private const string AdminKey = "read-only-test-key";
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("iiifh-readonly");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private DemoServer _demo = null!;

    public ReadOnlyStoreTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _demo = await DemoServer.StartAsync(new DemoInstitutionOptions
    {
        Manifests = 12,
        CanvasesPerManifest = 2,
        LinesPerCanvas = 3,
        ActivitiesPerPage = 10,
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _demo.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Serve_StoreFileReadOnly_HarvestFailsAtOnceSayingWhyKeepsServingAndRunsOnceWritable()
    {
        var data = _dir.Combine("data");
        Directory.CreateDirectory(data);
        using (var once = HostProcess.Start(data, ["harvest", "--once", "--data", data, .. SourceArgs()]))
        {
            Assert.Equal(0, await once.WaitAsync(TimeSpan.FromMinutes(2)));
        }

        using var readOnly = ReadOnlyFile.Make(Path.Combine(data, "store.db"));
        var denied = Assert.ThrowsAny<IOException>(() => File.AppendAllText(readOnly.Path, "x"));
        _output.WriteLine($"root writing the store file: {denied.Message}");

        var url = $"http://127.0.0.1:{IiifHarvester.TestUtilities.Images.IipImageUpstream.FreePort()}";
        using var serve = HostProcess.Start(data, ["serve", "--data", data, "--urls", url, $"--Web:AdminKey={AdminKey}", .. SourceArgs()]);
        await WaitForAsync(serve, async () => (await _http.GetAsync($"{url}/healthz/live")).IsSuccessStatusCode, "serve to start");
        var hits = await SearchHitsAsync(url);
        Assert.True(hits > 0);

        await TriggerAsync(url);
        var failed = await WaitForRunAsync(serve, url, after: null);
        _output.WriteLine(failed.ToString());
        Assert.True(failed.GetProperty("failed").GetBoolean());
        var error = Assert.Single(failed.GetProperty("errors").EnumerateArray()).GetString()!;
        Assert.StartsWith("the store cannot be written: ", error, StringComparison.Ordinal);
        Assert.Contains("readonly database", error, StringComparison.Ordinal);
        Assert.Equal(0, failed.GetProperty("counts").GetProperty("fetched").GetInt64());
        Assert.Contains("Harvest of 'demo' could not start: the store cannot be written", serve.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await _http.GetAsync($"{url}/healthz/ready")).StatusCode);
        Assert.Equal(hits, await SearchHitsAsync(url));

        // Writable again: the next run writes, with no restart, and readiness comes back.
        readOnly.MakeWritable();
        await TriggerAsync(url);
        var next = await WaitForRunAsync(serve, url, after: failed.GetProperty("startedAt").GetDateTimeOffset());
        _output.WriteLine(next.ToString());
        Assert.False(next.GetProperty("failed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"{url}/healthz/ready")).StatusCode);
        Assert.Equal(hits, await SearchHitsAsync(url));
    }

    private string[] SourceArgs() =>
    [
        $"--Sources:demo:Streams:0={_demo.Institution.StreamUri}",
        "--Sources:demo:AllowPrivateNetworks=true",
        "--Sources:demo:RequestsPerSecond=1000",
        "--Sources:demo:Schedule=0 0 3 1 1 ? 2099",
    ];

    private async Task TriggerAsync(string url)
    {
        using var trigger = new HttpRequestMessage(HttpMethod.Post, $"{url}/admin/sources/demo/harvest");
        trigger.Headers.Add("X-Admin-Key", AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(trigger)).StatusCode);
    }

    private async Task<int> SearchHitsAsync(string url)
    {
        using var page = JsonDocument.Parse(await _http.GetStringAsync($"{url}/iiif/search/2/all?q=charter"));
        return page.RootElement.TryGetProperty("items", out var items) ? items.GetArrayLength() : 0;
    }

    // The admin view of the source's last run once one that started after `after` has finished and none is running.
    private async Task<JsonElement> WaitForRunAsync(HostProcess serve, string url, DateTimeOffset? after)
    {
        JsonElement last = default;
        await WaitForAsync(serve, async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/admin/status");
            request.Headers.Add("X-Admin-Key", AdminKey);
            using var response = await _http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var source = status.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "demo");
            last = source.GetProperty("lastRun").Clone();
            return last.ValueKind == JsonValueKind.Object
                && source.GetProperty("running").ValueKind == JsonValueKind.Null
                && (after is null || last.GetProperty("startedAt").GetDateTimeOffset() > after);
        }, "the triggered run to finish");
        return last;
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
