using System.Runtime.InteropServices;

namespace IiifHarvester.Indexing.Threading;

/// <summary>
/// Background work (a harvest's parsing, storing and indexing; Lucene's merges) run on threads the operating system
/// schedules below request handling: on Linux each such thread takes the SCHED_IDLE policy (or, where that is refused,
/// a higher nice value), so on a machine with few cores a search that wakes up takes the core from a harvest at once
/// instead of waiting for its time slice. Elsewhere, or where neither can be changed, they run at normal priority.
/// </summary>
public static class BackgroundPriority
{
    private const int PrioProcess = 0;
    // Few threads (4 on 2 cores), though a harvest's store reads block them: an otherwise idle 10,000-manifest harvest
    // ran at 920 manifests/s on 4, 1,280 on 16 (1,290-1,390 unlowered), but with 8 or 16 a search's p99 during a
    // harvest was 13-15x its idle p99 within a manifest, and 2.5x on 4 (search and harvest benches, bench/).
    private static readonly Lazy<TaskScheduler> SharedScheduler = new(() => new NicedScheduler(Math.Max(2, Environment.ProcessorCount * 2)));

    [ThreadStatic]
    private static bool _lowered;

    /// <summary>
    /// The nice value background threads take where the SCHED_IDLE policy is refused or off; 0 leaves them, and the
    /// work, at normal priority.
    /// </summary>
    /// <value>Defaults to 10, at which the kernel gives a normal thread about ten times a background one's share.</value>
    public static int Niceness { get; set; } = 10;

    /// <summary>
    /// Runs <paramref name="work"/> on a few dedicated lowered threads; what it awaits without
    /// <c>ConfigureAwait(false)</c> continues there too. With <see cref="Niceness"/> 0 it runs as called.
    /// </summary>
    /// <remarks>
    /// The caller's continuation does not run on a lowered thread: the returned task completes asynchronously, so a
    /// caller at normal priority (a scheduled job, a hosted loop) goes on at normal priority.
    /// </remarks>
    public static Task<T> Run<T>(Func<Task<T>> work)
    {
        if (Niceness <= 0)
        {
            return work();
        }

        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, SharedScheduler.Value)
            .Unwrap()
            .ContinueWith(static (task, state) => CompleteFrom((TaskCompletionSource<T>)state!, task), done, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return done.Task;
    }

    private static void CompleteFrom<T>(TaskCompletionSource<T> target, Task<T> task)
    {
        if (task.IsCanceled)
        {
            try
            {
                task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException ex)
            {
                target.TrySetCanceled(ex.CancellationToken);
            }
        }
        else if (task.IsFaulted)
        {
            target.TrySetException(task.Exception!.InnerExceptions);
        }
        else
        {
            target.TrySetResult(task.Result);
        }
    }

    /// <summary>
    /// Queues <paramref name="work"/> on the same lowered threads and returns at once (with <see cref="Niceness"/> 0
    /// it runs as called). For work a timer starts, whose thread the request handlers share.
    /// </summary>
    public static void Queue(Action work)
    {
        if (Niceness <= 0)
        {
            work();
            return;
        }

        _ = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, SharedScheduler.Value);
    }

    /// <summary>
    /// Lowers the calling thread (once per thread): on Linux to the SCHED_IDLE policy, or where that is refused (or
    /// <see cref="UseIdlePolicy"/> is off) to <see cref="Niceness"/>. Returns whether it runs lowered.
    /// </summary>
    /// <remarks>
    /// SCHED_IDLE: the kernel preempts the thread as soon as any normal thread wakes, where a nice thread may first
    /// finish its slice (EEVDF's run-to-parity), a few milliseconds that became a search's p99 during a harvest. The
    /// thread keeps nice 0, because a nice value is inherited by the threads a thread starts, and the thread pool adds
    /// its workers from whichever thread asks for one: from nice-10 threads it started request handlers' workers at
    /// nice 10. The runtime starts its threads with an explicit SCHED_OTHER policy, which SCHED_IDLE does not pass on.
    /// </remarks>
    public static bool LowerCurrentThread()
    {
        var niceness = Niceness;
        if (niceness <= 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        if (_lowered)
        {
            return true;
        }

        try
        {
            var parameters = default(SchedParam);
            // pid 0 is the calling thread; PRIO_PROCESS with a thread id sets that thread's own nice value.
            _lowered = (UseIdlePolicy && SetScheduler(0, SchedIdle, ref parameters) == 0)
                || SetPriority(PrioProcess, GetThreadId(), niceness) == 0;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return _lowered;
    }

    /// <summary>Whether lowered threads take the SCHED_IDLE policy (Linux) rather than <see cref="Niceness"/>.</summary>
    public static bool UseIdlePolicy { get; set; } = true;

    /// <summary>The policy <see cref="UseIdlePolicy"/> and <see cref="Niceness"/> make together.</summary>
    public static BackgroundPolicy Policy => Niceness <= 0 ? BackgroundPolicy.Normal : UseIdlePolicy ? BackgroundPolicy.Idle : BackgroundPolicy.Nice;

    /// <summary>
    /// Sets how background threads are lowered. Threads lower themselves once, when they start, so this is for a
    /// host's start, before any background work runs.
    /// </summary>
    public static void Apply(BackgroundPolicy policy)
    {
        (UseIdlePolicy, Niceness) = policy switch
        {
            BackgroundPolicy.Idle => (true, 10),
            BackgroundPolicy.Nice => (false, 10),
            BackgroundPolicy.Normal => (false, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "not a background policy"),
        };
    }

    private const int SchedIdle = 5;

    [StructLayout(LayoutKind.Sequential)]
    private struct SchedParam
    {
        public int Priority;
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetScheduler(int pid, int policy, ref SchedParam parameters);

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();

    /// <summary>A fixed set of lowered threads taking work from one queue.</summary>
    private sealed class NicedScheduler : TaskScheduler
    {
        // A queue whose idle workers block at once (Monitor.Wait). BlockingCollection's SemaphoreSlim spins
        // (sched_yield) before it blocks: in a harvest profile 12% of these threads' samples were that spin, CPU the
        // other background threads could have used.
        private readonly Queue<Task> _queue = new();
        private readonly object _gate = new();

        [ThreadStatic]
        private static bool _isWorker;

        public NicedScheduler(int threads)
        {
            MaximumConcurrencyLevel = threads;
            for (var i = 0; i < threads; i++)
            {
                new Thread(Work) { IsBackground = true, Name = "Background work " + i }.Start();
            }
        }

        public override int MaximumConcurrencyLevel { get; }

        protected override void QueueTask(Task task)
        {
            lock (_gate)
            {
                _queue.Enqueue(task);
                Monitor.Pulse(_gate);
            }
        }

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            _isWorker && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks()
        {
            lock (_gate)
            {
                return _queue.ToArray();
            }
        }

        private void Work()
        {
            _isWorker = true;
            LowerCurrentThread();
            while (true)
            {
                Task task;
                lock (_gate)
                {
                    while (_queue.Count == 0)
                    {
                        Monitor.Wait(_gate);
                    }

                    task = _queue.Dequeue();
                }

                TryExecuteTask(task);
            }
        }
    }
}
