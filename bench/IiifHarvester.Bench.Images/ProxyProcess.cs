using System.Diagnostics;

namespace IiifHarvester.Bench.Images;

/// <summary>Starts this program in <c>--serve-proxy</c> mode as a child process and reads its URL and keys.</summary>
internal sealed class ProxyProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ProxyProcess(Process process, string url, string bareUrl, Dictionary<string, string> keys)
    {
        _process = process;
        Url = url;
        BareUrl = bareUrl;
        Keys = keys;
    }

    public string Url { get; }

    /// <summary>The same process's bare Kestrel listener (see <see cref="ProxyServer"/>).</summary>
    public string BareUrl { get; }

    public int ProcessId => _process.Id;

    public IReadOnlyDictionary<string, string> Keys { get; }

    public static async Task<ProxyProcess> StartAsync(string cacheDir, string allowedHost, IReadOnlyList<string> serviceIds)
    {
        var self = Environment.ProcessPath!;
        var psi = new ProcessStartInfo { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            psi.FileName = self;
            psi.ArgumentList.Add(typeof(ProxyProcess).Assembly.Location);
        }
        else
        {
            psi.FileName = self;
        }

        if (Environment.GetEnvironmentVariable("BENCH_PERF") == "1")
        {
            // For `perf record -p PID`: JIT'd code symbols in /tmp/perf-PID.map.
            psi.Environment["DOTNET_PerfMapEnabled"] = "1";
            psi.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        }

        foreach (var a in new[] { "--serve-proxy", cacheDir, allowedHost }.Concat(serviceIds))
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the proxy process.");
        string? url = null;
        string? bareUrl = null;
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (keys.Count < serviceIds.Count)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("The proxy process exited on start.");
            var parts = line.Split(' ');
            if (parts[0] == "LISTENING")
            {
                url = parts[1];
            }
            else if (parts[0] == "BARE")
            {
                bareUrl = parts[1];
            }
            else if (parts[0] == "KEY")
            {
                keys[parts[1]] = parts[2];
            }
        }

        return new ProxyProcess(
            process,
            url ?? throw new InvalidOperationException("No URL from the proxy process."),
            bareUrl ?? throw new InvalidOperationException("No bare Kestrel URL from the proxy process."),
            keys);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
