using System.Diagnostics;
using System.Text;

namespace IiifHarvester.EndToEnd.Tests;

/// <summary>The built host run as a real child process (<c>dotnet IiifHarvester.dll ...</c>), so it can be killed.</summary>
internal sealed class HostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process printed so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host with <paramref name="args"/> in <paramref name="workingDirectory"/>.</summary>
    public static HostProcess Start(string workingDirectory, params string[] args) => Start(workingDirectory, new Dictionary<string, string?>(), args);

    /// <summary>
    /// Starts the host with <paramref name="args"/> in <paramref name="workingDirectory"/>, with
    /// <paramref name="environment"/> set in its environment (a null value removes a variable this process has).
    /// </summary>
    public static HostProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "IiifHarvester.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new HostProcess(Process.Start(info)!);
    }

    /// <summary>Waits for the process to exit; returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the host did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL): no clean shutdown, no disposal, no flush.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>The process id (the host runs inside the <c>dotnet</c> process it was started as).</summary>
    public int Id => _process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
