using IiifHarvester.Indexing;

namespace IiifHarvester.Commands;

/// <summary>
/// The command-line verbs: <c>serve</c> (default), <c>harvest --once [--source KEY]</c>, <c>reindex</c>,
/// <c>inspect PATH|URL</c>, <c>demo</c>, <c>warm --source KEY [--sizes thumbnail,tiles]</c> and <c>migrate --to CONNECTION</c>, all with
/// <c>--data DIR</c>. Anything else on the line goes to configuration (<c>--urls</c>, <c>--Sources:x:Schedule=...</c>).
/// </summary>
public static class CommandLine
{
    /// <summary>Runs the verb <paramref name="args"/> name; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var parsed = CommandArguments.Parse(args);
        if (parsed.Error is not null)
        {
            await Console.Error.WriteLineAsync(parsed.Error);
            await Console.Error.WriteLineAsync(CommandArguments.Usage);
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancellation.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return parsed.Verb switch
            {
                "serve" => await ServeCommand.RunAsync(parsed),
                "harvest" => await HarvestCommand.RunAsync(parsed, cancellation.Token),
                "reindex" => await ReindexCommand.RunAsync(parsed, cancellation.Token),
                "inspect" => await InspectCommand.RunAsync(parsed, cancellation.Token),
                "demo" => await DemoCommand.RunAsync(parsed, cancellation.Token),
                "warm" => await WarmCommand.RunAsync(parsed, cancellation.Token),
                "migrate" => await MigrateCommand.RunAsync(parsed, cancellation.Token),
                "help" or "--help" or "-h" => Help(),
                _ => await UnknownAsync(parsed.Verb),
            };
        }
        catch (IndexInUseException ex)
        {
            // Another process (a serve, a demo, a harvest) has this data folder: said plainly, not as a stack trace.
            await Console.Error.WriteLineAsync($"{parsed.Verb}: {ex.Message}; stop it first, or work through it (its /admin endpoints)");
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("cancelled");
            return 130;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static int Help()
    {
        Console.WriteLine(CommandArguments.Usage);
        return 0;
    }

    private static async Task<int> UnknownAsync(string verb)
    {
        await Console.Error.WriteLineAsync($"unknown command '{verb}'");
        await Console.Error.WriteLineAsync(CommandArguments.Usage);
        return 2;
    }
}
