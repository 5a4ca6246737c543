using System.Net;
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
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("iiifh-readonly");
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

        using var serve = await ServeProcess.StartAsync(data, SourceArgs());
        var hits = await serve.SearchHitsAsync("charter");
        Assert.True(hits > 0);

        await serve.TriggerAsync("demo");
        var failed = await serve.WaitForRunAsync("demo");
        _output.WriteLine(failed.ToString());
        Assert.True(failed.GetProperty("failed").GetBoolean());
        var error = Assert.Single(failed.GetProperty("errors").EnumerateArray()).GetString()!;
        Assert.StartsWith("the store cannot be written: ", error, StringComparison.Ordinal);
        Assert.Contains("readonly database", error, StringComparison.Ordinal);
        Assert.Equal(0, failed.GetProperty("counts").GetProperty("fetched").GetInt64());
        Assert.Contains("Harvest of 'demo' could not start: the store cannot be written", serve.Host.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await serve.StatusCodeAsync("/healthz/ready"));
        Assert.Equal(hits, await serve.SearchHitsAsync("charter"));

        // Writable again: the next run writes, with no restart, and readiness comes back.
        readOnly.MakeWritable();
        await serve.TriggerAsync("demo");
        var next = await serve.WaitForRunAsync("demo", after: failed.GetProperty("startedAt").GetDateTimeOffset());
        _output.WriteLine(next.ToString());
        Assert.False(next.GetProperty("failed").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, await serve.StatusCodeAsync("/healthz/ready"));
        Assert.Equal(hits, await serve.SearchHitsAsync("charter"));
    }

    private string[] SourceArgs() =>
    [
        $"--Sources:demo:Streams:0={_demo.Institution.StreamUri}",
        "--Sources:demo:AllowPrivateNetworks=true",
        "--Sources:demo:RequestsPerSecond=1000",
        "--Sources:demo:Schedule=0 0 3 1 1 ? 2099",
    ];
}
