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
    public async Task ServerCrashAndRestartUnderConcurrentWrites_LeavesTheLogGapFreeWithEveryAcknowledgedWrite()
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

        // Four writers keep writing; the server is killed (SIGQUIT: no checkpoint, WAL recovery on start) and started
        // again while they do. Writes that fail are retried by their writer, as a harvest retries a document.
        var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
        var failures = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var uri = $"https://ex.org/w{w}/m{i}";
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        var result = await store.PutAsync(new DocumentWrite { Uri = uri, SourceKey = "src", Kind = DocumentKind.Manifest, Body = "{}"u8.ToArray(), FetchedAt = DateTimeOffset.UnixEpoch }, default);
                        acknowledged[uri] = result.Sequence!.Value;
                        break;
                    }
                    catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
                    {
                        Interlocked.Increment(ref failures);
                        await Task.Delay(100);
                    }
                }
            }
        })).ToArray();

        await Task.Delay(1000);
        await server.StopAsync(immediate: true);
        await Task.Delay(500);
        await server.StartAsync();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(failures > 0, "the restart should have failed some writes");
        var last = await store.GetLastSequenceAsync(default);
        var changes = await store.GetChangesAsync(0, (int)last + 10, default);
        Assert.Equal(Enumerable.Range(1, (int)last).Select(i => (long)i), changes.Select(c => c.Sequence));

        // Every acknowledged write is in the log under the number it was given; a document is logged once unless a
        // write whose commit was cut off was retried (then its last change is the document's sequence).
        foreach (var (uri, sequence) in acknowledged)
        {
            Assert.Contains(changes, c => c.Sequence == sequence && c.Uri == uri);
        }

        Assert.All(changes.GroupBy(c => c.Uri), g => Assert.True(g.Count() <= 2, $"{g.Key} logged {g.Count()} times"));
    }
}
