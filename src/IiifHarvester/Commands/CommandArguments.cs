namespace IiifHarvester.Commands;

/// <summary>The verb, its own options, and what is left for configuration.</summary>
public sealed record CommandArguments
{
    /// <summary>How to call the program.</summary>
    public const string Usage = """
        usage: IiifHarvester [VERB] [--data DIR] [options] [--key=value configuration...]
          serve [--role all|harvest|search]   schedule every configured source and serve HTTP (the default);
                                          a search node harvests nothing and follows the shared change log
          harvest --once [--source KEY]   harvest now, print a summary, exit 1 if a source failed as a whole
          reindex                         rebuild the index from the store alone
          inspect PATH|URL                print what we understood of one IIIF document (exit 2 if unusable)
          demo [--manifests N]            serve a generated institution at /demo, harvest it, keep serving
          warm --source KEY [--sizes thumbnail,tiles]   fill the image cache for a source
          migrate --to CONNECTION         copy the SQLite store into an empty PostgreSQL store
        common: --data DIR (default ./data), --urls URL (ASP.NET Core), any --Section:Key=value
        """;

    private static readonly HashSet<string> Verbs = ["serve", "harvest", "reindex", "inspect", "demo", "warm", "migrate", "help", "--help", "-h"];

    /// <summary>The verb.</summary>
    public string Verb { get; init; } = "serve";

    /// <summary>The data directory given with <c>--data</c>; null leaves it to configuration (<c>Data:Directory</c>, default <c>./data</c>).</summary>
    public string? DataDirectory { get; init; }

    /// <summary><c>--once</c> was given.</summary>
    public bool Once { get; init; }

    /// <summary><c>--source KEY</c>.</summary>
    public string? Source { get; init; }

    /// <summary><c>--sizes a,b</c>.</summary>
    public IReadOnlyList<string> Sizes { get; init; } = [];

    /// <summary><c>--manifests N</c> (demo).</summary>
    public int? Manifests { get; init; }

    /// <summary>The verb's positional argument (inspect's PATH or URL; migrate's <c>--to</c> connection string).</summary>
    public string? Target { get; init; }

    /// <summary>Everything else, passed to ASP.NET Core's configuration.</summary>
    public IReadOnlyList<string> Rest { get; init; } = [];

    /// <summary>Why the line could not be understood, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The configuration arguments, with the data directory added.</summary>
    public string[] ConfigurationArgs => DataDirectory is null ? [.. Rest] : [.. Rest, $"--Data:Directory={DataDirectory}"];

    private enum RoleName
    {
        All,
        Harvest,
        Search,
    }

    /// <summary>Parses a command line.</summary>
    public static CommandArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new CommandArguments();
        var rest = new List<string>();
        var i = 0;
        if (args.Count > 0 && Verbs.Contains(args[0]))
        {
            result = result with { Verb = args[0] };
            i = 1;
        }

        for (; i < args.Count; i++)
        {
            var arg = args[i];
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (arg)
            {
                case "--data":
                    var data = Next();
                    if (string.IsNullOrWhiteSpace(data))
                    {
                        return result with { Error = "--data needs a directory" };
                    }

                    result = result with { DataDirectory = data };
                    break;
                case "--once":
                    result = result with { Once = true };
                    break;
                case "--source":
                    var source = Next();
                    if (string.IsNullOrWhiteSpace(source))
                    {
                        return result with { Error = "--source needs a source key" };
                    }

                    result = result with { Source = source };
                    break;
                case "--sizes":
                    result = result with { Sizes = (Next() ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) };
                    break;
                case "--role":
                    var role = Next();
                    if (role is null || !Enum.TryParse<RoleName>(role, ignoreCase: true, out _) || int.TryParse(role, out _))
                    {
                        return result with { Error = "--role needs all, harvest or search" };
                    }

                    rest.Add($"--Cluster:Role={role}");
                    break;
                case "--to":
                    var to = Next();
                    if (string.IsNullOrWhiteSpace(to))
                    {
                        return result with { Error = "--to needs a PostgreSQL connection string" };
                    }

                    result = result with { Target = to };
                    break;
                case "--manifests":
                    if (!int.TryParse(Next(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < 1)
                    {
                        return result with { Error = "--manifests needs a positive whole number" };
                    }

                    result = result with { Manifests = n };
                    break;
                default:
                    if (!arg.StartsWith('-') && result.Target is null && result.Verb == "inspect")
                    {
                        result = result with { Target = arg };
                    }
                    else
                    {
                        rest.Add(arg);
                    }

                    break;
            }
        }

        result = result with { Rest = rest };
        if (result.Verb == "harvest" && !result.Once)
        {
            return result with { Error = "harvest runs once: call it as 'harvest --once' (the scheduled harvest is 'serve')" };
        }

        if (result.Verb == "inspect" && result.Target is null)
        {
            return result with { Error = "inspect needs a file path or an http(s) URL" };
        }

        if (result.Verb == "migrate" && result.Target is null)
        {
            return result with { Error = "migrate needs --to \"Host=...;Database=...;Username=...\" (an empty PostgreSQL store)" };
        }

        if (result.Verb == "warm" && result.Source is null)
        {
            return result with { Error = "warm needs --source KEY" };
        }

        return result;
    }
}
