using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace IiifHarvester.TestUtilities.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL 15 cluster: <c>initdb</c> in a temporary folder, the postmaster on a free loopback port as a
/// child process, trust authentication for the <c>postgres</c> role on 127.0.0.1 only. initdb and the server refuse
/// to run as root, so under root (CI) both run as the <c>postgres</c> system user the Debian package creates
/// (<c>setpriv</c>); otherwise as the current user. Stopped and deleted at dispose, and at process exit should dispose
/// be skipped. Needs <c>.ci/setup-postgres.sh</c>.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where Debian puts the PostgreSQL 15 binaries.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly SemaphoreSlim SharedGate = new(1, 1);
    private static PostgresServer? _shared;
    private readonly string _runAs;
    private Process? _postmaster;
    private int _databases;

    private PostgresServer(string root, int port, string runAs)
    {
        Root = root;
        Port = port;
        _runAs = runAs;
    }

    /// <summary>The temporary folder holding the cluster.</summary>
    public string Root { get; }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Whether the server is running now (false between <see cref="StopAsync"/> and <see cref="StartAsync"/>).</summary>
    public bool IsRunning => _postmaster is { HasExited: false };

    private string DataDirectory => Path.Combine(Root, "data");

    /// <summary>
    /// One cluster for the whole test process, started on first use and stopped when the process exits; tests get
    /// their own database in it (<see cref="CreateDatabaseAsync"/>), so they run in parallel without sharing state.
    /// </summary>
    public static async Task<PostgresServer> SharedAsync(CancellationToken cancellationToken = default)
    {
        await SharedGate.WaitAsync(cancellationToken);
        try
        {
            if (_shared is null)
            {
                var server = await StartNewAsync(cancellationToken);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.DisposeAtExit();
                _shared = server;
            }

            return _shared;
        }
        finally
        {
            SharedGate.Release();
        }
    }

    /// <summary>Initialises and starts a cluster of its own (for tests that stop and restart the server).</summary>
    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var initdb = Path.Combine(BinDirectory, "initdb");
        if (!File.Exists(initdb))
        {
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({initdb}). Run .ci/setup-postgres.sh (as root) to install it.");
        }

        var root = Path.Combine(Path.GetTempPath(), "iiifh-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var runAs = Environment.UserName == "root" ? "postgres" : string.Empty;
        var server = new PostgresServer(root, FreePort(), runAs);
        try
        {
            await StartWatchdogAsync(root, cancellationToken);
            if (runAs.Length > 0)
            {
                await RunAsync("chown", cancellationToken, runAs, root);
            }

            await server.RunAsUserAsync(initdb, cancellationToken,
                "-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync");
            await server.StartAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Pooling = true,
    }.ToString();

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var number = Interlocked.Increment(ref _databases);
        var name = string.Create(CultureInfo.InvariantCulture, $"t{number}_{Guid.NewGuid():N}")[..24];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Starts the postmaster (again) on the same port and data, and waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }

        var postgres = Path.Combine(BinDirectory, "postgres");
        string[] args =
        [
            "-D", DataDirectory, "-p", Port.ToString(CultureInfo.InvariantCulture), "-h", "127.0.0.1", "-k", Root,
            // A throwaway cluster: durability against power cuts is not what tests exercise (no fsync); a crash of
            // the server process itself is still recovered from the WAL, and every acknowledged commit is in it
            // (synchronous_commit stays on: off would lose acknowledged commits on a kill, as a restart test saw).
            "-c", "fsync=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=64MB", "-c", "logging_collector=off",
        ];
        var psi = StartInfo(postgres, args);
        psi.RedirectStandardError = true;
        psi.RedirectStandardOutput = true;
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start postgres.");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && log.Count < 200)
            {
                log.Enqueue(e.Data);
            }
        };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _postmaster = process;

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"postgres exited ({process.ExitCode}): {string.Join('\n', log)}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false;Timeout=2");
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Stops the server: <paramref name="immediate"/> is SIGQUIT (no checkpoint; the next start recovers from the WAL,
    /// as after a crash), otherwise a fast shutdown (SIGINT: clients disconnected, checkpoint written).
    /// </summary>
    public async Task StopAsync(bool immediate = false, CancellationToken cancellationToken = default)
    {
        if (_postmaster is not { } process)
        {
            return;
        }

        _postmaster = null;
        NpgsqlConnection.ClearAllPools();
        if (!process.HasExited)
        {
            await RunAsync("kill", cancellationToken, immediate ? "-QUIT" : "-INT", process.Id.ToString(CultureInfo.InvariantCulture));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(immediate: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        // The server's last children may still be closing files for a moment after the postmaster exited.
        for (var attempt = 0; attempt < 20 && Directory.Exists(Root); attempt++)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(100);
            }
            catch (UnauthorizedAccessException)
            {
                await Task.Delay(100);
            }
        }
    }

    // At process exit nothing asynchronous is dependable, and the test host may be killed moments later (or at any
    // time): signal the server now; the watchdog deletes the folder.
    private void DisposeAtExit()
    {
        if (_postmaster is { HasExited: false } process)
        {
            _ = Kill(process.Id, SigQuit);
        }
    }

    private const int SigQuit = 3;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    // A detached shell (its own session, re-parented to init) that waits for this process to end, however it ends
    // (normal exit, a crash, SIGKILL from the test runner), then stops a server still running and deletes the folder.
    private static Task StartWatchdogAsync(string root, CancellationToken cancellationToken)
    {
        var script = string.Create(CultureInfo.InvariantCulture, $"""
            while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done
            pid=$(head -n 1 '{root}/data/postmaster.pid' 2>/dev/null)
            if [ -n "$pid" ]; then kill -QUIT "$pid" 2>/dev/null; for i in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done; fi
            rm -rf '{root}'
            """);
        return RunAsync("sh", cancellationToken, "-c", "setsid sh -c \"$0\" </dev/null >/dev/null 2>&1 &", script);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private ProcessStartInfo StartInfo(string file, IEnumerable<string> args)
    {
        ProcessStartInfo psi;
        if (_runAs.Length > 0)
        {
            psi = new ProcessStartInfo("setpriv") { UseShellExecute = false };
            foreach (var a in new[] { $"--reuid={_runAs}", $"--regid={_runAs}", "--init-groups", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi = new ProcessStartInfo(file) { UseShellExecute = false };
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        // The server's locale and messages do not depend on the test machine's.
        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.WorkingDirectory = Root;
        return psi;
    }

    private async Task RunAsUserAsync(string file, CancellationToken cancellationToken, params string[] args)
    {
        var psi = StartInfo(file, args);
        await RunAsync(psi, cancellationToken);
    }

    private static Task RunAsync(string file, CancellationToken cancellationToken, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return RunAsync(psi, cancellationToken);
    }

    private static async Task RunAsync(ProcessStartInfo psi, CancellationToken cancellationToken)
    {
        psi.RedirectStandardError = true;
        psi.RedirectStandardOutput = true;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {psi.FileName}.");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{psi.FileName} {string.Join(' ', psi.ArgumentList)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
