using IiifHarvester.Indexing;

namespace IiifHarvester.Commands;

/// <summary><c>serve</c>: schedule every configured source and serve HTTP until stopped.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CommandArguments args)
    {
        var app = HarvesterApp.CreateBuilder(args.ConfigurationArgs).Build();
        await using (app)
        {
            // The index is opened first: a data folder another process writes is refused here, in one line.
            _ = app.Services.GetRequiredService<ISearchIndex>();
            app.MapEndpoints();
            await app.RunAsync();
        }

        return 0;
    }
}
