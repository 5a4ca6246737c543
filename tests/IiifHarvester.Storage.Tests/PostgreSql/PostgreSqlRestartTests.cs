using IiifHarvester.Storage.Documents;
using IiifHarvester.TestUtilities.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace IiifHarvester.Storage.Tests.PostgreSql;

public sealed class PostgreSqlRestartTests
{
    [Fact]
    public async Task ServerCrashAndRestartUnderConcurrentWrites_WritesWaitForTheServerAndTheLogIsGapFreeWithEachWriteOnce()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddIiifStorage(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<IDocumentStore>();

        // Four writers keep writing new documents; the server is killed (SIGQUIT: no checkpoint, WAL recovery on
        // start) and started again while they do. The store waits for it: no write fails, none is lost or doubled.
        // Phases: 0 before the kill, 1 while the server is down, 2 once it is back.
        var phase = 0;
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var spanningOutage = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var uri = $"https://ex.org/w{w}/m{i}";
                var began = Volatile.Read(ref phase);
                try
                {
                    var result = await store.PutAsync(new DocumentWrite { Uri = uri, SourceKey = "src", Kind = DocumentKind.Manifest, Body = "{}"u8.ToArray(), FetchedAt = DateTimeOffset.UnixEpoch }, default);
                    // Unchanged: its first commit went through but the answer was cut off; the retry found it done.
                    acknowledged[uri] = result.Sequence ?? -1;
                    if (began < 2 && Volatile.Read(ref phase) == 2)
                    {
                        Interlocked.Increment(ref spanningOutage);
                    }
                }
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                {
                    failures.Enqueue(ex);
                    return;
                }
            }
        })).ToArray();

        await WaitForAsync(() => acknowledged.Count >= 40);
        Volatile.Write(ref phase, 1);
        await server.StopAsync(immediate: true);
        await Task.Delay(500);
        await server.StartAsync();
        Volatile.Write(ref phase, 2);
        var atRestart = acknowledged.Count;
        await WaitForAsync(() => acknowledged.Count >= atRestart + 40);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Empty(failures);
        Assert.True(spanningOutage > 0, "no write was waiting on the server while it was down");
        var last = await store.GetLastSequenceAsync(default);
        var changes = await store.GetChangesAsync(0, (int)last + 10, default);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), changes.Select(c => c.Sequence));

        // Every write is in the log once, under the number it was given (a write whose commit was cut off is run again
        // and finds itself done); nothing else is.
        Assert.Equal(acknowledged.Count, changes.Count);
        foreach (var (uri, sequence) in acknowledged)
        {
            Assert.Contains(changes, c => (c.Sequence == sequence || sequence == -1) && c.Uri == uri);
        }

        Assert.All(changes.GroupBy(c => c.Uri), g => Assert.Single(g));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
