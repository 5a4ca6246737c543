using System.Diagnostics;
using System.Globalization;

namespace IiifHarvester.Bench.Search;

/// <summary>
/// An HTTP client in a process of its own (this executable with <c>--client BASE</c>), as a viewer or a browser is:
/// its sends, its reads and their continuations do not queue on the server's thread pool behind the server's own
/// work (a harvest's fetch completions), as those of the client in the benchmark's process do. The parent writes a
/// path on its standard input; the child requests it, reads the answer to its end and writes back when it sent the
/// request and when it had read the answer (<see cref="Stopwatch"/> timestamps: CLOCK_MONOTONIC on Linux, the same
/// clock in both processes), so the latency is the client's own and the parent's pipe is not in it.
/// </summary>
internal sealed class ClientProcess : IDisposable
{
    private const string Ready = "READY";
    private static long _started;
    private static long _ended;
    private readonly Process _process;

    private ClientProcess(Process process) => _process = process;

    /// <summary>When the last request made through a client process was sent and read to its end (0 when none since <see cref="ResetReported"/>).</summary>
    public static (long Started, long Ended)? Reported => _started == 0 ? null : (_started, _ended);

    public static void ResetReported() => (_started, _ended) = (0, 0);

    /// <summary>Whether the clock is the same in both processes, so the child's timestamps mean something here.</summary>
    public static bool Supported => OperatingSystem.IsLinux() && Stopwatch.IsHighResolution;

    public static ClientProcess Start(string baseAddress)
    {
        var process = SelfProcess.Start([], "--client", baseAddress);
        if (process.StandardOutput.ReadLine() != Ready)
        {
            process.WaitForExit();
            throw new InvalidOperationException($"The client process ended ({process.ExitCode}) before it was ready.");
        }

        return new ClientProcess(process);
    }

    /// <summary>Requests <paramref name="query"/>'s URL from the child; a failed request throws, as the other modes' do.</summary>
    public async Task RunAsync(BenchQuery query)
    {
        await _process.StandardInput.WriteLineAsync(query.Url);
        await _process.StandardInput.FlushAsync();
        var reply = await _process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException("The client process ended.");
        var parts = reply.Split(' ');
        if (parts is not [var started, var ended, "ok"])
        {
            throw new HttpRequestException($"The client process's request failed: {reply}");
        }

        (_started, _ended) = (long.Parse(started, CultureInfo.InvariantCulture), long.Parse(ended, CultureInfo.InvariantCulture));
    }

    /// <summary>The child's side: one request per line on standard input until it is closed.</summary>
    public static async Task<int> ServeAsync(string baseAddress)
    {
        using var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(baseAddress),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var buffer = new byte[1 << 16];
        Console.WriteLine(Ready);
        while (await Console.In.ReadLineAsync() is { } url)
        {
            var started = Stopwatch.GetTimestamp();
            string outcome;
            try
            {
                using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(buffer) > 0)
                {
                }

                outcome = response.IsSuccessStatusCode ? "ok" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                outcome = ex.GetType().Name;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{started} {Stopwatch.GetTimestamp()} {outcome}"));
        }

        return 0;
    }

    public void Dispose() => SelfProcess.Stop(_process);
}
