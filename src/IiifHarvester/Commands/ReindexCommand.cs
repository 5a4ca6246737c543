using IiifHarvester.Harvesting.Indexing;

namespace IiifHarvester.Commands;

/// <summary><c>reindex</c>: rebuild the index from the store alone.</summary>
internal static class ReindexCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var app = HarvesterApp.CreateBuilder(args.ConfigurationArgs, new Dictionary<string, string?> { ["Harvesting:Schedule"] = "false" }).Build();
        await using (app)
        {
            var time = app.Services.GetRequiredService<TimeProvider>();
            var started = time.GetTimestamp();
            var count = await app.Services.GetRequiredService<IndexFeeder>().ReindexAsync(cancellationToken);
            Console.WriteLine($"reindexed {count} manifests and collections from the store in {time.GetElapsedTime(started).TotalSeconds:F1} s");
            return 0;
        }
    }
}
