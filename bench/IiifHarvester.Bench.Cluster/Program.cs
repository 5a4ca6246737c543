using System.Diagnostics;
using System.Globalization;
using IiifHarvester;
using IiifHarvester.Demo;
using IiifHarvester.Harvesting.Indexing;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Sources;
using IiifHarvester.Indexing;
using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities.PostgreSql;
using Microsoft.Data.Sqlite;

// Cluster benchmark (issue 15), side by side in one run on one machine: harvest rate of two sources (two demo
// institutions of N/2 manifests each, harvested at once) on one node with SQLite, one node with PostgreSQL, and two
// harvest nodes with PostgreSQL (one source each); then a search node's catch-up rate from the shared change log
// (changes/s) into an empty index. Nodes are in-process hosts, so "two nodes" share this machine's cores.
// PostgreSQL is a throwaway cluster (fsync off, as in the tests). Needs .ci/setup-postgres.sh.
// Usage: dotnet run -c Release --project bench/IiifHarvester.Bench.Cluster -- [--manifests N] (default 100000)
var manifestsArg = Array.IndexOf(args, "--manifests");
var manifests = manifestsArg >= 0 ? int.Parse(args[manifestsArg + 1], CultureInfo.InvariantCulture) : 100_000;
var half = manifests / 2;
Console.WriteLine($"cluster benchmark: {Environment.ProcessorCount} cores, {manifests} manifests in two sources of {half}");
await using var postgres = await PostgresServer.StartNewAsync();
await using var first = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = half, CanvasesPerManifest = 4, LinesPerCanvas = 6, ActivitiesPerPage = 1000 });
await using var second = await DemoServer.StartAsync(new DemoInstitutionOptions { Manifests = half, CanvasesPerManifest = 4, LinesPerCanvas = 6, ActivitiesPerPage = 1000 });
var root = Path.Combine(Path.GetTempPath(), $"iiifh-bench-cluster-{Guid.NewGuid():N}");
try
{
    Console.WriteLine("setup\tmanifests\tseconds\tmanifests/s");
    await HarvestRowAsync("1 node, SQLite", [[]], ["a"]);
    var pgOne = await postgres.CreateDatabaseAsync();
    await HarvestRowAsync("1 node, PostgreSQL", [Pg(pgOne)], ["a"]);
    var pgTwo = await postgres.CreateDatabaseAsync();
    await HarvestRowAsync("2 harvest nodes, PostgreSQL", [Pg(pgTwo), Pg(pgTwo)], ["a", "b"]);

    // A search node from nothing: an empty index catching up from change 0 of the two-node store.
    var app = Build(Path.Combine(root, "search"), [.. Pg(pgTwo), "--Cluster:Role=Search"]);
    await using (app)
    {
        var last = await app.Services.GetRequiredService<IDocumentStore>().GetLastSequenceAsync(default);
        var clock = Stopwatch.StartNew();
        await app.Services.GetRequiredService<IndexFeeder>().CatchUpAsync(default);
        clock.Stop();
        var stats = app.Services.GetRequiredService<ISearchIndex>().GetStatistics();
        Console.WriteLine($"search node catch-up\t{stats.Manifests}\t{clock.Elapsed.TotalSeconds:F1}\t{last / clock.Elapsed.TotalSeconds:F0} changes/s ({last} changes)");
    }
}
finally
{
    SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(root, recursive: true);
    }
    catch (IOException)
    {
    }
}

string[] Pg(string connectionString) => ["--Storage:Provider=PostgreSql", $"--Storage:ConnectionString={connectionString}"];

WebApplication Build(string data, string[] settings)
{
    Directory.CreateDirectory(data);
    var overrides = new Dictionary<string, string?>
    {
        ["Harvesting:Schedule"] = "false",
        ["Harvesting:Parallelism"] = "64",
        ["Harvesting:ProgressInterval"] = "00:01:00",
        ["Logging:LogLevel:Default"] = "Warning",
    };
    foreach (var (key, demo) in new[] { ("a", first), ("b", second) })
    {
        overrides[$"Sources:{key}:Streams:0"] = demo.Institution.StreamUri;
        overrides[$"Sources:{key}:AllowPrivateNetworks"] = "true";
        overrides[$"Sources:{key}:RequestsPerSecond"] = "100000";
        overrides[$"Sources:{key}:MaxConcurrency"] = "16";
    }

    return HarvesterApp.CreateBuilder([$"--Data:Directory={data}", .. settings], overrides).Build();
}

// Each node harvests its share of the sources at once: one node both, two nodes one each.
async Task HarvestRowAsync(string name, string[][] nodes, string[] firstNodeSources)
{
    var apps = nodes.Select((settings, i) => Build(Path.Combine(root, $"{name.Replace(' ', '-').Replace(',', '-')}-{i}"), settings)).ToList();
    try
    {
        var work = new List<(WebApplication App, string Source)>();
        if (apps.Count == 1)
        {
            work.Add((apps[0], "a"));
            work.Add((apps[0], "b"));
        }
        else
        {
            work.Add((apps[0], firstNodeSources[0]));
            work.Add((apps[1], firstNodeSources[1]));
        }

        var clock = Stopwatch.StartNew();
        var harvests = Task.WhenAll(work.Select(w =>
            w.App.Services.GetRequiredService<ISourceHarvester>().HarvestAsync(w.App.Services.GetRequiredService<SourceCatalog>().Find(w.Source)!, default)));

        // At 100k a row takes long on a shared machine: say how far it is once a minute, so a run cut short still
        // gives a rate (changes in the store's log; one node's log when the nodes share a database).
        while (await Task.WhenAny(harvests, Task.Delay(TimeSpan.FromMinutes(1))) != harvests)
        {
            var changes = await apps[0].Services.GetRequiredService<IDocumentStore>().GetLastSequenceAsync(default);
            Console.WriteLine($"  ({name}: {changes} changes after {clock.Elapsed.TotalSeconds:F0} s)");
        }

        var results = await harvests;
        clock.Stop();
        var failed = results.Sum(r => r.Counts.Failed);
        Console.WriteLine($"{name}\t{2 * half}\t{clock.Elapsed.TotalSeconds:F1}\t{2 * half / clock.Elapsed.TotalSeconds:F0}{(failed > 0 ? $"\t({failed} failed)" : string.Empty)}");
    }
    finally
    {
        foreach (var app in apps)
        {
            await app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
    }
}
