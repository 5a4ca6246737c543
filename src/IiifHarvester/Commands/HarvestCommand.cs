using System.Globalization;
using IiifHarvester.Harvesting.Pipeline;
using IiifHarvester.Indexing;
using IiifHarvester.Sources;

namespace IiifHarvester.Commands;

/// <summary><c>harvest --once [--source KEY]</c>: harvest now, print a summary, exit non-zero if a source failed as a whole.</summary>
internal static class HarvestCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var app = HarvesterApp.CreateBuilder(args.ConfigurationArgs, new Dictionary<string, string?> { ["Harvesting:Schedule"] = "false" }).Build();
        await using (app)
        {
            var catalog = app.Services.GetRequiredService<SourceCatalog>();
            foreach (var problem in catalog.Problems)
            {
                await Console.Error.WriteLineAsync($"source '{problem.SourceKey}' skipped: {string.Join("; ", problem.Errors)}");
            }

            var sources = catalog.Sources.ToList();
            if (args.Source is not null)
            {
                var source = catalog.Find(args.Source);
                if (source is null)
                {
                    await Console.Error.WriteLineAsync($"no valid source '{args.Source}' is configured (configured: {string.Join(", ", catalog.Sources.Select(s => s.Key))})");
                    return 2;
                }

                sources = [source];
            }

            if (sources.Count == 0)
            {
                await Console.Error.WriteLineAsync("no sources to harvest: add one under config/ (see README.md)");
                return catalog.Problems.Count > 0 ? 1 : 0;
            }

            Console.WriteLine("source\tfetched\tunchanged\tadded\tupdated\tdeleted\tfailed\tskipped\tpages\tseconds\tresult");
            ISourceHarvester harvester;
            try
            {
                harvester = app.Services.GetRequiredService<ISourceHarvester>();
            }
            catch (IndexInUseException ex)
            {
                // Another process (a serve, a demo, another harvest) writes this data folder: it runs the harvests,
                // and every source is refused here before anything is fetched, as a run held elsewhere is.
                foreach (var source in sources)
                {
                    Console.WriteLine($"{source.Key}\tREFUSED");
                    await Console.Error.WriteLineAsync($"  {source.Key}: {ex.Message}; stop it first, or have it harvest now (POST /admin/sources/{source.Key}/harvest)");
                }

                return 1;
            }

            var anyFailed = false;
            foreach (var source in sources)
            {
                var result = await harvester.HarvestAsync(source, cancellationToken);
                if (result.Refused is not null)
                {
                    anyFailed = true;
                    Console.WriteLine($"{source.Key}\tREFUSED");
                    await Console.Error.WriteLineAsync($"  {source.Key}: {result.Refused}");
                    continue;
                }

                var c = result.Counts;
                anyFailed |= result.SourceFailed;
                Console.WriteLine(string.Join('\t', source.Key, c.Fetched, c.Unchanged, c.Added, c.Updated, c.Deleted, c.Failed, c.Skipped, c.PagesWalked,
                    (result.FinishedAt - result.StartedAt).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture), result.SourceFailed ? "FAILED" : "ok"));
                foreach (var error in result.Errors.Take(10))
                {
                    await Console.Error.WriteLineAsync($"  {source.Key}: {error}");
                }
            }

            return anyFailed ? 1 : 0;
        }
    }
}
