using System.Diagnostics;
using System.Globalization;
using IiifHarvester.TestUtilities.Images;

namespace IiifHarvester.Bench.Images;

/// <summary>
/// nginx as a static file server tuned the usual way (one worker per core, sendfile, open file cache, no access log),
/// serving the very bytes the proxy has cached with the headers the proxy sends (nginx adds its own <c>ETag</c> and
/// <c>Last-Modified</c>): the baseline for cache hits. The upstream's own nginx runs a single
/// worker (it fronts iipsrv for tests), which would flatter the proxy on a multi-core machine.
/// </summary>
internal sealed class StaticNginx : IAsyncDisposable
{
    private readonly Process _process;

    private StaticNginx(Process process, string root, int port)
    {
        _process = process;
        Root = root;
        Port = port;
    }

    public string Root { get; }

    public int Port { get; }

    /// <summary>Serves <paramref name="body"/> as <paramref name="fileName"/> with <paramref name="headers"/> added.</summary>
    public static async Task<StaticNginx> StartAsync(string fileName, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var addHeaders = string.Concat(headers.Select(h => $"add_header {h.Key} \"{h.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"; "));
        var root = Path.Combine(Path.GetTempPath(), "iiif-bench-nginx-" + Guid.NewGuid().ToString("N")[..8]);
        var www = Path.Combine(root, "www");
        Directory.CreateDirectory(www);
        Directory.CreateDirectory(Path.Combine(root, "logs"));
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        await File.WriteAllBytesAsync(Path.Combine(www, fileName), body);
        var port = IipImageUpstream.FreePort();
        var conf = Path.Combine(root, "nginx.conf");
        await File.WriteAllTextAsync(conf, string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            worker_processes {{Environment.ProcessorCount}};
            error_log {{root}}/logs/error.log error;
            pid {{root}}/nginx.pid;
            events { worker_connections 4096; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              tcp_nodelay on;
              keepalive_requests 1000000;
              keepalive_timeout 120s;
              open_file_cache max=10000 inactive=60s;
              open_file_cache_valid 60s;
              client_body_temp_path {{root}}/tmp/body;
              proxy_temp_path {{root}}/tmp/proxy;
              fastcgi_temp_path {{root}}/tmp/fcgi;
              uwsgi_temp_path {{root}}/tmp/uwsgi;
              scgi_temp_path {{root}}/tmp/scgi;
              types { image/jpeg jpg; }
              server {
                listen 127.0.0.1:{{port}};
                etag on;
                location / { root {{www}}; {{addHeaders}}}
              }
            }
            """));
        var psi = new ProcessStartInfo("/usr/sbin/nginx") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-p", root, "-c", conf, "-e", Path.Combine(root, "logs", "error.log") })
        {
            psi.ArgumentList.Add(a);
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start nginx.");
        var nginx = new StaticNginx(process, root, port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                var served = await http.GetByteArrayAsync(nginx.Url(fileName));
                if (!served.AsSpan().SequenceEqual(body))
                {
                    throw new InvalidOperationException("nginx does not serve the cached bytes.");
                }

                return nginx;
            }
            catch (HttpRequestException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        await nginx.DisposeAsync();
        throw new InvalidOperationException("nginx did not start; see " + root);
    }

    public Uri Url(string fileName) => new($"http://127.0.0.1:{Port}/{fileName}");

    /// <summary>CPU seconds of the master and its workers.</summary>
    public double CpuSeconds()
    {
        var total = ProcessCpu.Seconds(_process.Id);
        var children = $"/proc/{_process.Id}/task/{_process.Id}/children";
        if (File.Exists(children))
        {
            foreach (var pid in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                total += ProcessCpu.Seconds(int.Parse(pid, CultureInfo.InvariantCulture));
            }
        }

        return total;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }

        return ValueTask.CompletedTask;
    }
}
