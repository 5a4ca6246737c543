using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace IiifHarvester.Storage.Sqlite;

/// <summary>
/// A thread under Linux's SCHED_IDLE policy on which the writer runs a group of writes when every write in it was
/// asked for by a thread under that policy (a harvest's), so that storing a harvest yields the cores to request
/// handlers as the harvest's own threads do. A group holding any other write runs on the writer's own thread, at
/// normal priority. The two threads take turns on the one writer connection, never both at once.
/// </summary>
/// <remarks>
/// Two threads rather than one that changes its policy: a thread without CAP_SYS_NICE may take SCHED_IDLE but not
/// leave it. Measured with the search bench (<c>--only=within-manifest,harvest</c>): with the writer at normal
/// priority, a search's p99 over HTTP during a harvest was about three times its idle p99; the writer's groups,
/// milliseconds of CPU each, ran to the end of their slice while a request waited for the core.
/// </remarks>
internal sealed class IdleWriterThread : IDisposable
{
    private const int SchedIdle = 5;

    // Events that block at once: SemaphoreSlim spins (sched_yield) before it blocks, and the writer's thread, at
    // normal priority, spun on _done while this thread, which only runs when nothing else wants the core, did the
    // work it waited for. In a harvest profile (perf, --profile-harvest of the search bench) that spin was 44% of the
    // writer thread's samples.
    private readonly AutoResetEvent _start = new(false);
    private readonly AutoResetEvent _done = new(false);
    private readonly Thread _thread;
    private Action? _work;
    private ExceptionDispatchInfo? _error;
    private bool _stopping;
    private bool _lowered;

    private IdleWriterThread()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "SQLite idle writer" };
    }

    /// <summary>Whether the calling thread runs under SCHED_IDLE.</summary>
    public static bool CallerIsIdle()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return GetScheduler(0) == SchedIdle;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Starts the thread; null where it cannot take SCHED_IDLE (not Linux, or refused).</summary>
    public static IdleWriterThread? TryStart()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var thread = new IdleWriterThread();
        thread._thread.Start();
        thread._done.WaitOne();
        if (thread._lowered)
        {
            return thread;
        }

        thread._thread.Join();
        thread.Dispose();
        return null;
    }

    /// <summary>Runs <paramref name="work"/> on the idle thread and waits for it; what it throws is thrown here.</summary>
    public void Run(Action work)
    {
        _work = work;
        _start.Set();
        _done.WaitOne();
        var error = _error;
        (_work, _error) = (null, null);
        error?.Throw();
    }

    public void Dispose()
    {
        if (_lowered && _thread.IsAlive)
        {
            _stopping = true;
            _start.Set();
            _thread.Join();
        }

        _start.Dispose();
        _done.Dispose();
    }

    private void Loop()
    {
        try
        {
            var parameters = 0;
            _lowered = SetScheduler(0, SchedIdle, ref parameters) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        _done.Set();
        if (!_lowered)
        {
            return;
        }

        while (true)
        {
            _start.WaitOne();
            if (_stopping)
            {
                return;
            }

            try
            {
                _work!();
            }
#pragma warning disable CA1031 // Handed back to the writer loop, which decides.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _error = ExceptionDispatchInfo.Capture(ex);
            }

            _done.Set();
        }
    }

    // pid 0 is the calling thread.
    [DllImport("libc", EntryPoint = "sched_getscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetScheduler(int pid);

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetScheduler(int pid, int policy, ref int parameters);
}
