using IiifHarvester.Images.Warmup;

namespace IiifHarvester.Commands;

/// <summary><c>warm --source KEY [--sizes thumbnail,tiles]</c>: fill the image cache for a source's harvested images.</summary>
internal static class WarmCommand
{
    public static async Task<int> RunAsync(CommandArguments args, CancellationToken cancellationToken)
    {
        var app = HarvesterApp.CreateBuilder(args.ConfigurationArgs, new Dictionary<string, string?> { ["Harvesting:Schedule"] = "false" }).Build();
        await using (app)
        {
            var sizes = args.Sizes.Count > 0 ? args.Sizes : ["thumbnail"];
            var result = await app.Services.GetRequiredService<IImageWarmer>().WarmAsync(args.Source!, sizes, cancellationToken);
            Console.WriteLine(result);
            return 0;
        }
    }
}
