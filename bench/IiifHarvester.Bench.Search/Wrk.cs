using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// Drives wrk (when installed) against the loopback server: a Lua script cycles through the query set's paths,
/// so the load is the same queries the other modes run. wrk's own latency percentiles (under load) are kept.
/// </summary>
internal sealed partial class Wrk : IDisposable
{
    private readonly string _executable;
    private readonly string _folder;
    private readonly string _script;
    private readonly string _baseAddress;
    private readonly int _connections;
    private readonly List<double> _p50 = [];
    private readonly List<double> _p99 = [];

    private Wrk(string executable, string baseAddress, BenchQuery[] set, int connections)
    {
        _executable = executable;
        _baseAddress = baseAddress.TrimEnd('/');
        _connections = connections;
        _folder = Directory.CreateTempSubdirectory("iiif-bench-wrk-").FullName;
        var paths = Path.Combine(_folder, "paths.txt");
        File.WriteAllLines(paths, set.Select(q => q.Url));
        _script = Path.Combine(_folder, "paths.lua");
        File.WriteAllText(_script, $$"""
            local paths = {}
            for line in io.lines("{{paths}}") do paths[#paths + 1] = line end
            local i = 0
            request = function()
              i = i + 1
              return wrk.format("GET", paths[(i % #paths) + 1])
            end
            """);
    }

    /// <summary>wrk's p50 latency under load (ms), the median over its runs.</summary>
    public double P50 => Median(_p50);

    /// <summary>wrk's p99 latency under load (ms), the median over its runs.</summary>
    public double P99 => Median(_p99);

    /// <summary>Non-2xx/3xx answers or socket errors wrk reported (must be 0).</summary>
    public long Errors { get; private set; }

    public static Wrk? TryCreate(string baseAddress, BenchQuery[] set, int connections)
    {
        var executable = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "wrk"))
            .FirstOrDefault(File.Exists);
        return executable is null ? null : new Wrk(executable, baseAddress, set, connections);
    }

    /// <summary>One wrk run of about <paramref name="duration"/> (whole seconds, at least 1).</summary>
    public async Task<(long Completed, double Seconds)> RunAsync(TimeSpan duration)
    {
        var seconds = Math.Max(1, (int)Math.Round(duration.TotalSeconds));
        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-t1", $"-c{_connections}", $"-d{seconds}s", "--latency", "-s", _script, _baseAddress + "/" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
        var output = await process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        var requests = RequestsLine().Match(output);
        if (process.ExitCode != 0 || !requests.Success)
        {
            throw new InvalidOperationException("wrk failed: " + output + await process.StandardError.ReadToEndAsync(timeout.Token));
        }

        Errors += Sum(NonSuccessLine().Matches(output)) + Sum(SocketErrorsLine().Matches(output));
        foreach (Match line in PercentileLine().Matches(output))
        {
            var ms = ToMilliseconds(line.Groups["value"].Value, line.Groups["unit"].Value);
            (line.Groups["p"].Value == "50" ? _p50 : line.Groups["p"].Value == "99" ? _p99 : null)?.Add(ms);
        }

        return (long.Parse(requests.Groups["count"].Value, CultureInfo.InvariantCulture),
            ToMilliseconds(requests.Groups["value"].Value, requests.Groups["unit"].Value) / 1000);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static long Sum(MatchCollection matches) =>
        matches.Sum(m => m.Groups.Values.Skip(1).Where(g => g.Success).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)));

    private static double ToMilliseconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => throw new FormatException($"wrk unit '{unit}'"),
        };
    }

    private static double Median(List<double> values) =>
        values.Count == 0 ? double.NaN : values.Order().ElementAt(values.Count / 2);

    [GeneratedRegex(@"^\s*(?<count>\d+) requests in (?<value>[\d.]+)(?<unit>us|ms|s|m),", RegexOptions.Multiline)]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"^\s*(?<p>50|99)%\s+(?<value>[\d.]+)(?<unit>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentileLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
