using IiifHarvester.Harvesting.Cluster;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Harvesting.Scheduling;
using IiifHarvester.Sources;
using IiifHarvester.Sources.Status;
using IiifHarvester.Indexing;
using IiifHarvester.Storage;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities;
using IiifHarvester.TestUtilities.Institutions;
using IiifHarvester.TestUtilities.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using Xunit;

namespace IiifHarvester.Harvesting.Tests.Cluster;

/// <summary>Several nodes in one process sharing a PostgreSQL store: clustered Quartz, roles, heartbeats.</summary>
public sealed class ClusterTests : IDisposable
{
    private readonly List<TempDirectory> _dirs = [];

    public void Dispose()
    {
        foreach (var dir in _dirs)
        {
            dir.Dispose();
        }
    }

    [Fact]
    public async Task TwoHarvestNodes_TriggeredAtOnce_RunTheSourceOnOneNodeAtATimeAcrossTheCluster()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var runs = new RunRecorder(TimeSpan.FromMilliseconds(600));
        using var first = await StartNodeAsync(connectionString, NodeRole.Harvest, "http://127.0.0.1:1/stream.json", runs);
        using var second = await StartNodeAsync(connectionString, NodeRole.Harvest, "http://127.0.0.1:1/stream.json", runs);

        // Two triggers from each node at once: the job is [DisallowConcurrentExecution], held in the shared tables.
        foreach (var node in new[] { first, second, first, second })
        {
            Assert.True(await node.Services.GetRequiredService<HarvestTrigger>().TriggerAsync("inst", default));
        }

        await runs.WaitForAsync(4, TimeSpan.FromSeconds(60));

        Assert.Equal(1, runs.MaxConcurrent);
        Assert.Equal(4, runs.Completed);
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public async Task Misfire_DueWhileNoNodeRan_FiresOnceAcrossTheClusterThenTheScheduleProceeds()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        var runs = new RunRecorder(TimeSpan.FromMilliseconds(100));
        using (var before = await StartNodeAsync(connectionString, NodeRole.Harvest, "http://127.0.0.1:1/stream.json", runs))
        {
            await before.StopAsync();
        }

        // The whole cluster was down when the source's 03:00 run was due: its trigger, as the shared tables hold it,
        // was to fire ten minutes ago (well past Quartz's misfire threshold).
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("UPDATE qrtz_triggers SET next_fire_time = @t WHERE trigger_name = 'inst'", connection);
            command.Parameters.AddWithValue("t", DateTimeOffset.UtcNow.AddMinutes(-10).UtcTicks);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // Two nodes come up: as on a single node (FireAndProceed), the missed run fires once, on one of them.
        using var first = await StartNodeAsync(connectionString, NodeRole.Harvest, "http://127.0.0.1:1/stream.json", runs);
        using var second = await StartNodeAsync(connectionString, NodeRole.Harvest, "http://127.0.0.1:1/stream.json", runs);
        await runs.WaitForAsync(1, TimeSpan.FromSeconds(60));
        var next = await first.Services.GetRequiredService<HarvestTrigger>().NextFireTimeAsync("inst", default);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(1, runs.Completed);
        Assert.True(next > DateTimeOffset.UtcNow, $"next fire time {next:O}");
        await first.StopAsync();
        await second.StopAsync();
    }

    [Fact]
    public async Task SearchNode_HarvestsNothingAndFollowsTheChangeLogAHarvestNodeWrites()
    {
        using var institution = WireMockInstitution.Create().WithManifests(12).Build();
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using var harvester = await StartNodeAsync(connectionString, NodeRole.Harvest, institution.StreamUri.AbsoluteUri, runs: null);
        using var search = await StartNodeAsync(connectionString, NodeRole.Search, institution.StreamUri.AbsoluteUri, runs: null);

        // No scheduler runs on the search node.
        Assert.DoesNotContain(search.Services.GetServices<IHostedService>(), s => s.GetType().Name.Contains("Quartz", StringComparison.Ordinal));
        var board = search.Services.GetRequiredService<IiifHarvester.Harvesting.Status.HarvestStatusBoard>();

        var result = await harvester.Services.GetRequiredService<ISourceHarvester>()
            .HarvestAsync(harvester.Services.GetRequiredService<SourceCatalog>().Find("inst")!, default);
        Assert.False(result.SourceFailed);
        var last = await harvester.Services.GetRequiredService<IDocumentStore>().GetLastSequenceAsync(default);

        var index = search.Services.GetRequiredService<ISearchIndex>();
        var heartbeat = search.Services.GetRequiredService<NodeHeartbeatService>();
        for (var i = 0; i < 300 && index.CommittedSequence < last; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(last, index.CommittedSequence);
        Assert.Equal(12, index.GetStatistics().Manifests);
        Assert.Null(board.LastRun("inst"));
        await heartbeat.BeatAsync(default);
        Assert.Equal(0, heartbeat.Lag);
        Assert.True(heartbeat.IsReady);
        var nodes = await heartbeat.ListNodesAsync(default);
        Assert.Equal(["Harvest", "Search"], nodes.Select(n => n.Role).Order());
        await harvester.StopAsync();
        await search.StopAsync();
    }

    [Fact]
    public async Task SearchNode_LaggingMoreThanMaxLag_IsNotReady()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using var search = await StartNodeAsync(connectionString, NodeRole.Search, "http://127.0.0.1:1/stream.json", runs: null, pollSeconds: 3600,
            extra: new() { ["Cluster:MaxLag"] = "2" });
        var store = search.Services.GetRequiredService<IDocumentStore>();
        var heartbeat = search.Services.GetRequiredService<NodeHeartbeatService>();
        await heartbeat.BeatAsync(default);
        Assert.True(heartbeat.IsReady);

        for (var i = 0; i < 3; i++)
        {
            await store.PutAsync(new DocumentWrite { Uri = $"https://ex.org/m{i}", SourceKey = "inst", Kind = DocumentKind.Manifest, Body = "{}"u8.ToArray(), FetchedAt = DateTimeOffset.UnixEpoch }, default);
        }

        await heartbeat.BeatAsync(default);

        Assert.Equal(3, heartbeat.Lag);
        Assert.False(heartbeat.IsReady);
        await search.StopAsync();
    }

    [Fact]
    public async Task TwoHarvestNodes_TwoSourcesOnOneHost_KeepTheHostsRateTogether()
    {
        // Two sources on one host (one institution, half its manifests each), each allowed 20 requests/s: one node
        // harvests each, at once. Alone, each node's own gate would let 20/s through, 40/s together.
        const int rate = 20;
        const int perSource = 25;
        using var institution = WireMockInstitution.Create().WithManifests(2 * perSource, canvasesPerManifest: 1).Build();
        var sources = new Dictionary<string, string?>();
        foreach (var (key, first) in new[] { ("a", 0), ("b", perSource) })
        {
            for (var i = 0; i < perSource; i++)
            {
                sources[$"Sources:{key}:Manifests:{i}"] = institution.ManifestUri(first + i).AbsoluteUri;
            }

            sources[$"Sources:{key}:AllowPrivateNetworks"] = "true";
            sources[$"Sources:{key}:RequestsPerSecond"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
            sources[$"Sources:{key}:MaxConcurrency"] = "4";
            sources[$"Sources:{key}:FetchOcr"] = "false";
            sources[$"Sources:{key}:Schedule"] = "0 0 3 * * ?";
        }

        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync();
        using var nodeA = await StartNodeAsync(connectionString, NodeRole.Harvest, institution.StreamUri.AbsoluteUri, runs: null, extra: sources);
        using var nodeB = await StartNodeAsync(connectionString, NodeRole.Harvest, institution.StreamUri.AbsoluteUri, runs: null, extra: sources);

        var results = await Task.WhenAll(
            Harvest(nodeA, "a"),
            Harvest(nodeB, "b"));
        Assert.All(results, r => Assert.False(r.SourceFailed));
        // Each source adds its manifests and their one annotation list each, all fetched (none failed or skipped).
        Assert.All(results, r => Assert.Equal(2 * perSource, r.Counts.Added));
        Assert.All(results, r => Assert.Equal(0, r.Counts.Failed));

        // The institution's own log of when each request arrived.
        var arrivals = institution.Server.LogEntries.Select(e => (At: e.RequestMessage!.DateTime, Path: e.RequestMessage.Path)).OrderBy(e => e.At).ToList();
        Assert.True(arrivals.Count >= 2 * perSource);

        // Both nodes were sending at the same time (otherwise nothing here would be shared): each source's requests
        // began before the other's ended.
        var spanA = Span(arrivals, p => Manifest(p) is { } m && m < perSource);
        var spanB = Span(arrivals, p => Manifest(p) >= perSource);
        Assert.True(spanA.First < spanB.Last && spanB.First < spanA.Last, $"the two harvests did not overlap: a {spanA}, b {spanB}");

        // Over the whole harvest, n requests take at least n - 1 intervals, less a margin for requests whose arrival
        // was logged late (up to MaxConcurrency of them at once). Without the shared slots, the two nodes, started
        // together and overlapping, would finish in about half that. Only a lower bound on time: a slow or loaded
        // machine can stretch a harvest, never squeeze it; an upper bound on requests per second would fail whenever
        // a stall made requests sent at their slots reach the server together.
        var elapsed = arrivals[^1].At - arrivals[0].At;
        var minimum = TimeSpan.FromSeconds((arrivals.Count - 1 - 4) / (double)rate);
        Assert.True(elapsed >= minimum, $"{arrivals.Count} requests in {elapsed.TotalMilliseconds:0} ms; at {rate}/s they take at least {minimum.TotalMilliseconds:0} ms");
        await nodeA.StopAsync();
        await nodeB.StopAsync();

        static Task<HarvestRunResult> Harvest(IHost node, string key) =>
            node.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(node.Services.GetRequiredService<SourceCatalog>().Find(key)!, default);

        static int? Manifest(string path) =>
            path.StartsWith("/manifests/", StringComparison.Ordinal) && path.EndsWith(".json", StringComparison.Ordinal)
            && int.TryParse(path["/manifests/".Length..^".json".Length], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

        static (DateTime First, DateTime Last) Span(List<(DateTime At, string Path)> arrivals, Func<string, bool> belongs)
        {
            var mine = arrivals.Where(a => belongs(a.Path)).Select(a => a.At).ToList();
            return (mine.Min(), mine.Max());
        }
    }

    private async Task<IHost> StartNodeAsync(
        string connectionString, NodeRole role, string stream, RunRecorder? runs, int pollSeconds = 1, Dictionary<string, string?>? extra = null)
    {
        var dir = new TempDirectory();
        _dirs.Add(dir);
        var settings = new Dictionary<string, string?>(DataFolder.SettingsFor(dir.Path))
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
            ["Cluster:Role"] = role.ToString(),
            ["Cluster:NodeName"] = $"{role}-{Guid.NewGuid():N}",
            ["Cluster:PollInterval"] = TimeSpan.FromSeconds(pollSeconds).ToString(),
            ["Cluster:CheckinInterval"] = "00:00:01",
            ["Harvesting:Schedule"] = "true",
            ["Crawling:RetryBaseDelay"] = "00:00:00.010",
            ["Sources:inst:Schedule"] = "0 0 3 * * ?",
        };
        foreach (var (k, v) in HarvestHarness.StreamSource("inst", stream))
        {
            settings[k] = v;
        }

        foreach (var (k, v) in extra ?? [])
        {
            settings[k] = v;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (runs is not null)
        {
            builder.Services.AddSingleton<ISourceHarvester>(runs);
        }

        builder.Services.AddIiifStorage(builder.Configuration);
        builder.Services.AddIiifCrawling(builder.Configuration);
        builder.Services.AddIiifIndexing(builder.Configuration);
        builder.Services.AddIiifHarvesting(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>A harvester that takes a while and counts how many of its runs overlap, across every node using it.</summary>
    private sealed class RunRecorder : ISourceHarvester
    {
        private readonly TimeSpan _duration;
        private int _running;
        private int _maxConcurrent;
        private int _completed;

        public RunRecorder(TimeSpan duration) => _duration = duration;

        public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

        public int Completed => Volatile.Read(ref _completed);

        public async Task<HarvestRunResult> HarvestAsync(SourceDefinition source, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            int seen;
            while ((seen = Volatile.Read(ref _maxConcurrent)) < now && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
            {
            }

            var started = DateTimeOffset.UtcNow;
            await Task.Delay(_duration, cancellationToken);
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _completed);
            return new HarvestRunResult { SourceKey = source.Key, StartedAt = started, FinishedAt = DateTimeOffset.UtcNow, Counts = new HarvestCounters(source.Key).Snapshot() };
        }

        public async Task WaitForAsync(int runs, TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            while (Completed < runs)
            {
                await Task.Delay(50, cancellation.Token);
            }
        }
    }
}
