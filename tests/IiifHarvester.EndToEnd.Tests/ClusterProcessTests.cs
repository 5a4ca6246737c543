using System.Net;
using System.Text.Json;
using IiifHarvester.Demo;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.PostgreSql;
using Xunit;
using Xunit.Abstractions;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>
/// The cluster as real processes on one PostgreSQL database: two harvest nodes and a search node. A harvest node
/// killed (SIGKILL) in the middle of a harvest has its run recovered by the other, and the store, the change log and
/// the search node's index (what it answers) end equal to a clean single-node run; a search node started from nothing
/// catches up to the same. PostgreSQL crashed and restarted mid-harvest: the harvest carries on, the search node
/// answers throughout, and the store, log and index end equal to the clean run.
/// </summary>
[Collection(nameof(CrashRecoveryTests))]
public sealed class ClusterProcessTests : IAsyncLifetime
{
    private const string AdminKey = "cluster-test-key";

    // What Quartz's cluster manager logs (an error, so printed) each time a node's check-in cannot reach the database.
    private const string ClusterCheckinFailed = "Error managing cluster";
    private readonly ITestOutputHelper _output;
    private readonly TempDirectory _dir = new("iiifh-cluster");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly List<HostProcess> _nodes = [];
    private DemoServer _demo = null!;

    public ClusterProcessTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync() => _demo = await DemoServer.StartAsync(new DemoInstitutionOptions
    {
        Manifests = 60,
        CanvasesPerManifest = 2,
        LinesPerCanvas = 3,
        ActivitiesPerPage = 10,
        Latency = TimeSpan.FromMilliseconds(15),
    });

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        _http.Dispose();
        await _demo.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task HarvestNodeKilledMidHarvest_AnotherNodeFinishesAndStoreAndSearchNodesEqualACleanRun()
    {
        var expected = await CleanRunAsync();
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        string[] store = ["--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connectionString}"];
        var (harvestA, harvestB, search) = await StartClusterAndTriggerAsync(store);

        // Kill whichever node runs it once it has fetched some, but not all, of the institution.
        var running = await WaitAsync(async () =>
        {
            foreach (var node in new[] { harvestA, harvestB })
            {
                var source = await SourceStatusAsync(node);
                if (source.TryGetProperty("running", out var run) && run.ValueKind == JsonValueKind.Object
                    && run.GetProperty("counts").GetProperty("fetched").GetInt64() >= 10)
                {
                    return node;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(60), "a node to run the harvest");
        running.Process.Kill();
        var survivor = running == harvestA ? harvestB : harvestA;
        _output.WriteLine($"killed {running.Name} mid-harvest; {survivor.Name} should recover the run");

        // The survivor sees the dead node stop checking in and runs the source again to the end.
        await WaitAsync(async () =>
        {
            var source = await SourceStatusAsync(survivor);
            return source.TryGetProperty("lastRun", out var last) && last.ValueKind == JsonValueKind.Object
                && source.GetProperty("running").ValueKind == JsonValueKind.Null ? "done" : null;
        }, TimeSpan.FromSeconds(120), "the surviving node to finish the recovered harvest");

        // The search node follows the log to the end.
        await WaitAsync(async () => await LagAsync(search) == 0 ? "caught up" : null, TimeSpan.FromSeconds(60), "the search node to catch up");
        var actual = await StoreSnapshot.ReadAsync(_dir.Combine("check"), "demo", store);
        Assert.Equal(expected.Documents, actual.Documents);
        AssertLogGapFree(actual);
        _output.WriteLine($"clean run logged {expected.Changes.Count} changes, the cluster {actual.Changes.Count}");

        // Nothing lost or logged twice: the recovered run redoes the stream walk the dead node had begun, and what
        // that walk logged already is not logged again.
        Assert.Equal(Changes(expected), Changes(actual));

        // A search node started from nothing catches up to the same.
        var fresh = StartNode("search-2", "search", store);
        await WaitReadyAsync(fresh);
        await WaitAsync(async () => await LagAsync(fresh) == 0 ? "caught up" : null, TimeSpan.FromSeconds(60), "the new search node to catch up");
        var charter = await SearchTotalAsync(search, "charter");
        Assert.True(charter > 0);
        foreach (var node in new[] { search, fresh })
        {
            Assert.Equal(charter, await SearchTotalAsync(node, "charter"));
            node.Process.Kill();
            var index = await StoreSnapshot.ReadAsync(node.Data, "demo", store, catchUp: false);
            Assert.Equal(expected.Manifests, index.Manifests);
            Assert.Equal(expected.Annotations, index.Annotations);
            Assert.Equal(actual.LastSequence, index.CommittedSequence);
            Assert.Equal(expected.Hits, index.Hits);
        }
    }

    [Fact]
    public async Task PostgreSqlRestartedMidHarvest_HarvestCarriesOnSearchNodeServesAndEachChangeIsLoggedOnce()
    {
        var expected = await CleanRunAsync();

        // A server of its own, since it is stopped and started again.
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync();
        string[] store = ["--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connectionString}"];

        // The institution holds the harvest after 20 manifests until the search node finds some of them, so the
        // database goes down mid-harvest however fast this machine harvests 60 manifests.
        _demo.Institution.HoldManifestsAfter(20);
        var (harvestA, harvestB, search) = await StartClusterAndTriggerAsync(store);

        // Under load: a node is harvesting, has fetched some but not all, and the search node already finds some of it.
        await WaitAsync(async () =>
        {
            foreach (var node in new[] { harvestA, harvestB })
            {
                var source = await SourceStatusAsync(node);
                if (source.TryGetProperty("running", out var run) && run.ValueKind == JsonValueKind.Object
                    && run.GetProperty("counts").GetProperty("fetched").GetInt64() >= 10 && await SearchTotalAsync(search, "charter") > 0)
                {
                    return node;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(60), "a node to be harvesting and the search node to find some of it");

        // The database crashes (SIGQUIT: no checkpoint; WAL recovery on start) as the harvest goes on, and is down
        // for a while.
        _demo.Institution.ReleaseManifests();
        var marks = new[] { harvestA, harvestB }.Select(n => (Node: n, From: n.Process.Output.Length)).ToList();
        await server.StopAsync(immediate: true);
        var whileDown = await SearchTotalAsync(search, "charter");

        // Sampled again once the outage has demonstrably lasted across the cluster's polling of the database. The
        // search node's own reads wait it out silently (PostgreSqlDatabase retries for 30 s before IndexFollower logs
        // a failed catch-up), so the evidence is the harvest nodes' scheduler: its check-in (every second here)
        // failing to reach the database twice since the stop.
        await WaitAsync(
            () => Task.FromResult(marks.Any(m => Occurrences(m.Node.Process.Output[m.From..], ClusterCheckinFailed) >= 2) ? "polled" : null),
            TimeSpan.FromSeconds(20),
            "a harvest node's check-in to fail twice against the stopped database");
        var stillDown = await SearchTotalAsync(search, "charter");
        await server.StartAsync();
        _output.WriteLine($"search node served {whileDown} and {stillDown} hits while the database was down");

        // The search node kept serving what it had: hits throughout, never fewer (what it had applied before the
        // crash may still become visible as its readers refresh).
        Assert.True(whileDown > 0);
        Assert.True(stillDown >= whileDown, $"{stillDown} hits after {whileDown}");

        // The harvest carried on (its reads and writes waited for the server) and finished without failing.
        var ran = await WaitAsync(async () =>
        {
            foreach (var node in new[] { harvestA, harvestB })
            {
                var source = await SourceStatusAsync(node);
                if (source.TryGetProperty("lastRun", out var last) && last.ValueKind == JsonValueKind.Object
                    && source.GetProperty("running").ValueKind == JsonValueKind.Null)
                {
                    return node;
                }
            }

            return null;
        }, TimeSpan.FromSeconds(120), "the harvest to finish");
        var finished = (await SourceStatusAsync(ran)).GetProperty("lastRun");
        Assert.False(finished.GetProperty("failed").GetBoolean(), finished.ToString());

        await WaitAsync(async () => await LagAsync(search) == 0 ? "caught up" : null, TimeSpan.FromSeconds(60), "the search node to catch up");
        var actual = await StoreSnapshot.ReadAsync(_dir.Combine("check"), "demo", store);
        Assert.Equal(expected.Documents, actual.Documents);

        // Nothing lost or doubled: the log is gap-free and holds the same changes as the clean run, each once.
        AssertLogGapFree(actual);
        Assert.Equal(Changes(expected), Changes(actual));

        // The search node answers what the clean run's index answers.
        var cleanCharter = int.Parse(expected.Hits["charter"].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(cleanCharter > 0);
        Assert.Equal(cleanCharter, await SearchTotalAsync(search, "charter"));
        search.Process.Kill();
        var index = await StoreSnapshot.ReadAsync(search.Data, "demo", store, catchUp: false);
        Assert.Equal(expected.Manifests, index.Manifests);
        Assert.Equal(expected.Annotations, index.Annotations);
        Assert.Equal(actual.LastSequence, index.CommittedSequence);
        Assert.Equal(expected.Hits, index.Hits);
    }

    // The clean single-node run (SQLite) that the cluster must end equal to.
    private async Task<StoreSnapshot> CleanRunAsync()
    {
        var clean = _dir.Combine("clean");
        Directory.CreateDirectory(clean);
        using (var once = HostProcess.Start(clean, ["harvest", "--once", "--data", clean, .. SourceArgs()]))
        {
            Assert.Equal(0, await once.WaitAsync(TimeSpan.FromMinutes(2)));
        }

        var expected = await StoreSnapshot.ReadAsync(clean, "demo");
        Assert.Equal(_demo.Institution.LiveManifests().Count(), expected.Manifests);
        Assert.DoesNotContain(expected.Hits.Values, h => h.StartsWith("0 hits", StringComparison.Ordinal));
        return expected;
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static void AssertLogGapFree(StoreSnapshot snapshot) =>
        Assert.Equal(Enumerable.Range(1, (int)snapshot.LastSequence).Select(i => (long)i), snapshot.Changes.Select(c => c.Sequence));

    // The log's changes as (document, type) in a fixed order: how many times each document was logged as what.
    private static List<string> Changes(StoreSnapshot snapshot) =>
        [.. snapshot.Changes.Select(c => $"{c.Type} {c.Uri}").Order(StringComparer.Ordinal)];

    private string[] SourceArgs() =>
    [
        $"--Sources:demo:Streams:0={_demo.Institution.StreamUri}",
        "--Sources:demo:AllowPrivateNetworks=true",
        "--Sources:demo:RequestsPerSecond=200",
        "--Sources:demo:MaxConcurrency=4",
        "--Sources:demo:Schedule=0 0 3 1 1 ? 2099",
        "--Harvesting:Parallelism=4",
    ];

    /// <summary>
    /// Starts two harvest nodes and a search node on <paramref name="store"/>, waits until each is ready, and triggers
    /// the demo source through the first; the clustered scheduler picks the node that runs it.
    /// </summary>
    private async Task<(Node HarvestA, Node HarvestB, Node Search)> StartClusterAndTriggerAsync(string[] store)
    {
        var harvestA = StartNode("harvest-a", "harvest", store);
        var harvestB = StartNode("harvest-b", "harvest", store);
        var search = StartNode("search-1", "search", store);
        foreach (var node in new[] { harvestA, harvestB, search })
        {
            await WaitReadyAsync(node);
        }

        using var trigger = new HttpRequestMessage(HttpMethod.Post, $"{harvestA.Url}/admin/sources/demo/harvest");
        trigger.Headers.Add("X-Admin-Key", AdminKey);
        Assert.Equal(HttpStatusCode.Accepted, (await _http.SendAsync(trigger)).StatusCode);
        return (harvestA, harvestB, search);
    }

    private Node StartNode(string name, string role, string[] store)
    {
        var data = _dir.Combine(name);
        Directory.CreateDirectory(data);
        var port = IiifHarvester.TestUtilities.Images.IipImageUpstream.FreePort();
        var process = HostProcess.Start(data,
        [
            "serve", "--role", role, "--data", data, "--urls", $"http://127.0.0.1:{port}", .. store, .. SourceArgs(),
            $"--Cluster:NodeName={name}", "--Cluster:PollInterval=00:00:00.500", "--Cluster:HeartbeatInterval=00:00:01",
            "--Cluster:CheckinInterval=00:00:01", "--Cluster:CheckinMisfireThreshold=00:00:03", "--Cluster:MaxLag=0",
            $"--Harvesting:AdminKey={AdminKey}",
        ]);
        _nodes.Add(process);
        return new Node(name, process, $"http://127.0.0.1:{port}", data);
    }

    private async Task WaitReadyAsync(Node node) => await WaitAsync(async () =>
    {
        try
        {
            return (await _http.GetAsync($"{node.Url}/admin/status")).IsSuccessStatusCode ? "up" : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }, TimeSpan.FromSeconds(60), $"{node.Name} to start");

    private async Task<JsonElement> SourceStatusAsync(Node node)
    {
        using var status = JsonDocument.Parse(await _http.GetStringAsync($"{node.Url}/admin/status"));
        return status.RootElement.GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("key").GetString() == "demo").Clone();
    }

    private async Task<long> LagAsync(Node node)
    {
        using var status = JsonDocument.Parse(await _http.GetStringAsync($"{node.Url}/admin/status"));
        return status.RootElement.GetProperty("node").GetProperty("lag").GetInt64();
    }

    // The hits the node reports for a word across all manifests: its collection's total, not one page's items.
    private async Task<int> SearchTotalAsync(Node node, string word)
    {
        using var page = JsonDocument.Parse(await _http.GetStringAsync($"{node.Url}/iiif/search/2/all?q={word}"));
        return page.RootElement.TryGetProperty("partOf", out var partOf) && partOf.ValueKind == JsonValueKind.Object
            ? partOf.GetProperty("total").GetInt32()
            : page.RootElement.TryGetProperty("items", out var items) ? items.GetArrayLength() : 0;
    }

    private async Task<T> WaitAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } result)
                {
                    return result;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        foreach (var node in _nodes)
        {
            _output.WriteLine(node.Output);
        }

        throw new TimeoutException($"waited {timeout} for {what}");
    }

    private sealed record Node(string Name, HostProcess Process, string Url, string Data);
}
