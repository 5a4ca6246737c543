using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace IiifHarvester.TestUtilities.Images;

/// <summary>
/// A real IIIF image upstream on loopback: IIPImage (iipsrv, FastCGI) behind nginx, serving pyramid TIFFs made with
/// <c>vips</c>, plus level 0 static tile sets (<c>vips dzsave --layout iiif|iiif3</c>) served as files. Both run as child
/// processes in a temporary folder and are killed at dispose (and at process exit, should dispose be skipped).
/// Needs <c>.ci/setup-images.sh</c> (iipimage-server, nginx, libvips-tools).
/// </summary>
public sealed class IipImageUpstream : IAsyncDisposable
{
    /// <summary>The image the official IIIF validator checks: 1000×1000, 100 px squares of colour.</summary>
    public const string GridImageName = "67352ccc-d1b0-11e1-89ae-279075081939.png";

    private const string IipsrvPath = "/usr/lib/iipimage-server/iipsrv.fcgi";
    private const string NginxPath = "/usr/sbin/nginx";
    private const string VipsPath = "/usr/bin/vips";
    private readonly List<Process> _processes = [];

    private IipImageUpstream(string root, int port)
    {
        Root = root;
        Port = port;
    }

    /// <summary>The temporary folder (images, static files, nginx prefix, logs).</summary>
    public string Root { get; }

    /// <summary>nginx's loopback port.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The host:port sources must allow.</summary>
    public string Authority => $"127.0.0.1:{Port}";

    /// <summary>The Image API 2 service id (iipsrv 1.1 speaks IIIF 2.x) of the grid image.</summary>
    public string GridServiceId => BaseUrl + "/iiif/grid.tif";

    /// <summary>The service id of a 1200×700 stretched copy of the grid (non-square).</summary>
    public string WideServiceId => BaseUrl + "/iiif/wide.tif";

    /// <summary>A level 0 Image API 2 static tile set of the grid (256 px tiles, scale factors 1 and 2).</summary>
    public string Level0V2ServiceId => BaseUrl + "/static/l0v2";

    /// <summary>A level 0 Image API 3 static tile set of the grid.</summary>
    public string Level0V3ServiceId => BaseUrl + "/static/l0v3";

    /// <summary>Files under this folder are served as they are at <c>{BaseUrl}/static/</c>.</summary>
    public string StaticDirectory => Path.Combine(Root, "static");

    /// <summary>The grid PNG in the shared folder.</summary>
    public string GridImagePath { get; private set; } = string.Empty;

    /// <summary>Whether the binaries are installed.</summary>
    public static bool IsInstalled => File.Exists(IipsrvPath) && File.Exists(NginxPath) && File.Exists(VipsPath);

    /// <summary>Makes the images and starts iipsrv and nginx.</summary>
    /// <param name="sharedImagesDirectory">The folder holding <see cref="GridImageName"/> (../shared/images).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<IipImageUpstream> StartAsync(string sharedImagesDirectory, CancellationToken cancellationToken = default)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException(
                $"IIPImage, nginx or vips is missing ({IipsrvPath}, {NginxPath}, {VipsPath}). Run .ci/setup-images.sh (as root) to install them.");
        }

        var grid = Path.Combine(sharedImagesDirectory, GridImageName);
        if (!File.Exists(grid))
        {
            throw new FileNotFoundException($"The IIIF validator's grid image is missing: {grid}", grid);
        }

        var root = Path.Combine(Path.GetTempPath(), "iiif-upstream-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var upstream = new IipImageUpstream(root, FreePort()) { GridImagePath = grid };
        try
        {
            await upstream.PrepareAsync(cancellationToken);
            await upstream.StartProcessesAsync(cancellationToken);
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }

        return upstream;
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the processes and deletes the folder.</summary>
    public ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            Kill(process);
        }

        _processes.Clear();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private static async Task RunAsync(string file, CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        var images = Path.Combine(Root, "images");
        Directory.CreateDirectory(images);
        Directory.CreateDirectory(StaticDirectory);
        Directory.CreateDirectory(Path.Combine(Root, "nginx", "logs"));
        Directory.CreateDirectory(Path.Combine(Root, "nginx", "tmp"));

        // Pyramid TIFFs as IIPImage wants them: tiled, multi-resolution, JPEG-compressed tiles.
        string[] tiff = ["--tile", "--pyramid", "--compression", "jpeg", "--Q", "90", "--tile-width", "256", "--tile-height", "256"];
        await RunAsync(VipsPath, ct, ["tiffsave", GridImagePath, Path.Combine(images, "grid.tif"), .. tiff]);
        var wide = Path.Combine(Root, "wide.v");
        await RunAsync(VipsPath, ct, "thumbnail", GridImagePath, wide, "1200", "--height", "700", "--size", "force");
        await RunAsync(VipsPath, ct, ["tiffsave", wide, Path.Combine(images, "wide.tif"), .. tiff]);
        File.Delete(wide);

        // Level 0 static tile sets: files named as the canonical tile requests, with an info.json.
        await RunAsync(VipsPath, ct, "dzsave", GridImagePath, Path.Combine(StaticDirectory, "l0v2"), "--layout", "iiif", "--tile-size", "256", "--overlap", "0", "--suffix", ".jpg[Q=90]", "--id", BaseUrl + "/static");
        await RunAsync(VipsPath, ct, "dzsave", GridImagePath, Path.Combine(StaticDirectory, "l0v3"), "--layout", "iiif3", "--tile-size", "256", "--overlap", "0", "--suffix", ".jpg[Q=90]", "--id", Level0V3ServiceId);
    }

    private async Task StartProcessesAsync(CancellationToken ct)
    {
        var fcgiPort = FreePort();
        var nginxRoot = Path.Combine(Root, "nginx");
        var conf = Path.Combine(nginxRoot, "nginx.conf");
        var tmp = Path.Combine(nginxRoot, "tmp");
        File.WriteAllText(conf, string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            error_log {{nginxRoot}}/logs/error.log error;
            pid {{nginxRoot}}/nginx.pid;
            events { worker_connections 2048; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              keepalive_requests 1000000;
              client_body_temp_path {{tmp}}/body;
              fastcgi_temp_path {{tmp}}/fcgi;
              proxy_temp_path {{tmp}}/proxy;
              uwsgi_temp_path {{tmp}}/uwsgi;
              scgi_temp_path {{tmp}}/scgi;
              types { image/jpeg jpg; image/png png; application/json json; image/webp webp; image/tiff tif; }
              default_type application/octet-stream;
              open_file_cache max=10000 inactive=60s;
              server {
                listen 127.0.0.1:{{Port}};
                location /static/ {
                  alias {{StaticDirectory}}/;
                }
                location ~ ^/iiif/(.*)$ {
                  fastcgi_pass 127.0.0.1:{{fcgiPort}};
                  fastcgi_param QUERY_STRING IIIF=$1;
                  fastcgi_param REQUEST_METHOD $request_method;
                  fastcgi_param REQUEST_URI $request_uri;
                  fastcgi_param SERVER_NAME $server_name;
                  fastcgi_param SERVER_PORT $server_port;
                  fastcgi_param SERVER_PROTOCOL $server_protocol;
                  fastcgi_param HTTP_HOST $http_host;
                }
              }
            }
            """));

        var iip = new ProcessStartInfo(IipsrvPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        iip.ArgumentList.Add("--bind");
        iip.ArgumentList.Add($"127.0.0.1:{fcgiPort}");
        iip.Environment["FILESYSTEM_PREFIX"] = Path.Combine(Root, "images") + "/";
        iip.Environment["LOGFILE"] = Path.Combine(Root, "iipsrv.log");
        iip.Environment["VERBOSITY"] = "0";
        iip.Environment["CORS"] = "*";
        iip.Environment["MAX_IMAGE_CACHE_SIZE"] = "64";
        iip.Environment["BASE_URL"] = BaseUrl + "/iiif/";
        iip.Environment["OMP_NUM_THREADS"] = "1";
        StartTracked(iip);

        var nginx = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-p", nginxRoot, "-c", conf, "-e", Path.Combine(nginxRoot, "logs", "error.log") })
        {
            nginx.ArgumentList.Add(a);
        }

        StartTracked(nginx);
        await WaitReadyAsync(ct);
    }

    private void StartTracked(ProcessStartInfo psi)
    {
        var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {psi.FileName}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        // Should the test host exit without disposing, take the daemons along.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill(process);
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            foreach (var process in _processes)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode} on start; see {Root}.");
                }
            }

            try
            {
                using var info = await http.GetAsync(GridServiceId + "/info.json", ct);
                using var level0 = await http.GetAsync(Level0V3ServiceId + "/info.json", ct);
                if (info.IsSuccessStatusCode && level0.IsSuccessStatusCode)
                {
                    return;
                }

                last = new HttpRequestException($"iipsrv answered {(int)info.StatusCode}, static answered {(int)level0.StatusCode}");
            }
            catch (HttpRequestException ex)
            {
                last = ex;
            }
            catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
            {
                last = ex;
            }

            await Task.Delay(100, ct);
        }

        throw new InvalidOperationException("The IIPImage upstream did not become ready: " + last?.Message, last);
    }
}
