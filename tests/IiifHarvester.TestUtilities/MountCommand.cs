using System.Diagnostics;

namespace IiifHarvester.TestUtilities;

/// <summary>Runs <c>mount</c> and <c>umount</c> for the tests that change file systems for real (they need root, as CI runs).</summary>
internal static class MountCommand
{
    /// <summary>Runs <paramref name="command"/>; a failure throws with its error and <paramref name="why"/>.</summary>
    public static void Run(string why, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command} could not be started");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{command} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {error.Trim()}. {why}");
        }
    }
}
