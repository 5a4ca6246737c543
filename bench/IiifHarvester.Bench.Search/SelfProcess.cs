using System.Diagnostics;

namespace IiifHarvester.Bench.Search;

/// <summary>This benchmark started again as a child (the demo institution, a separate client), talked to through its standard input and output.</summary>
internal static class SelfProcess
{
    /// <summary>
    /// Starts this executable with <paramref name="arguments"/>, through <paramref name="launcher"/> when one is given
    /// (a program and its arguments that run the rest, such as <c>nice -n19</c>).
    /// </summary>
    public static Process Start(string[] launcher, params string[] arguments)
    {
        var start = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (launcher.Length > 0)
        {
            foreach (var argument in launcher[1..])
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(Environment.ProcessPath!);
        }

        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    /// <summary>Closes the child's standard input (its sign to end), waits for it, and kills it if it will not end.</summary>
    public static void Stop(Process process)
    {
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
        }

        process.Dispose();
    }
}
