using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IiifHarvester.Bench.Images;

/// <summary>
/// Drives a target with wrk (one thread, kept-alive HTTP/1.1 connections, closed loop) and reads its figures: the same
/// native client, with far less CPU of its own than an HttpClient loop, for every target.
/// </summary>
internal static partial class WrkRunner
{
    public const string Path = "/usr/bin/wrk";

    public static bool IsInstalled => File.Exists(Path);

    public static async Task<LoadResult> RunAsync(string target, Uri url, double seconds, int connections)
    {
        var psi = new ProcessStartInfo(Path) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-t1", $"-c{connections}", string.Create(CultureInfo.InvariantCulture, $"-d{seconds:0.#}s"), "--latency", "--timeout", "10s", url.ToString() })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start wrk.");
        var stderr = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {await stderr}\n{output}");
        }

        var requestsMatch = RequestsRegex().Match(output);
        if (!requestsMatch.Success)
        {
            throw new InvalidOperationException("Unexpected wrk output:\n" + output);
        }

        var requests = int.Parse(requestsMatch.Groups[1].Value, CultureInfo.InvariantCulture);
        var elapsed = Duration(requestsMatch.Groups[2].Value, requestsMatch.Groups[3].Value) / 1000;
        var errors = 0;
        if (Non2xxRegex().Match(output) is { Success: true } non2xx)
        {
            errors += int.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        if (SocketErrorsRegex().Match(output) is { Success: true } socket)
        {
            for (var g = 1; g <= 4; g++)
            {
                errors += int.Parse(socket.Groups[g].Value, CultureInfo.InvariantCulture);
            }
        }

        return new LoadResult(target, requests, errors, elapsed, Percentile(output, "50%"), Percentile(output, "99%"));
    }

    private static double Percentile(string output, string label)
    {
        var m = Regex.Match(output, "^\\s+" + Regex.Escape(label) + "\\s+([0-9.]+)(us|ms|s|m)\\s*$", RegexOptions.Multiline, TimeSpan.FromSeconds(1));
        return m.Success ? Duration(m.Groups[1].Value, m.Groups[2].Value) : double.NaN;
    }

    /// <summary>A wrk duration in milliseconds.</summary>
    private static double Duration(string value, string unit)
    {
        var v = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => v / 1000,
            "ms" => v,
            "s" => v * 1000,
            "m" => v * 60_000,
            _ => throw new FormatException("Unknown wrk unit " + unit),
        };
    }

    [GeneratedRegex(@"(\d+) requests in ([0-9.]+)(us|ms|s|m),", RegexOptions.None, 1000)]
    private static partial Regex RequestsRegex();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)", RegexOptions.None, 1000)]
    private static partial Regex Non2xxRegex();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", RegexOptions.None, 1000)]
    private static partial Regex SocketErrorsRegex();
}
