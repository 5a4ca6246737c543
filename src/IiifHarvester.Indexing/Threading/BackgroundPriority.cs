using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace IiifHarvester.Indexing.Threading;

/// <summary>
/// Background work (a harvest's parsing, storing and indexing; Lucene's merges) run on threads the operating system
/// schedules below request handling: on Linux each such thread gets a higher nice value of its own, so on a machine
/// with few cores a search that wakes up takes the core from a harvest at once instead of waiting for its time slice.
/// Elsewhere, or where the nice value cannot be changed, the threads run at normal priority.
/// </summary>
public static class BackgroundPriority
{
    private const int PrioProcess = 0;
    private static readonly Lazy<TaskScheduler> SharedScheduler = new(() => new NicedScheduler(Math.Max(2, Environment.ProcessorCount * 2)));

    [ThreadStatic]
    private static int _niceness;

    /// <summary>The nice value background threads take (0 leaves them at normal priority).</summary>
    /// <value>Defaults to 10, at which the kernel gives a normal thread about ten times a background one's share.</value>
    public static int Niceness { get; set; } = 10;

    /// <summary>
    /// Runs <paramref name="work"/> on a few dedicated lowered threads; what it awaits without
    /// <c>ConfigureAwait(false)</c> continues there too. With <see cref="Niceness"/> 0 it runs as called.
    /// </summary>
    public static Task<T> Run<T>(Func<Task<T>> work) =>
        Niceness <= 0
            ? work()
            : Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, SharedScheduler.Value).Unwrap();

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

    /// <summary>Lowers the calling thread to <see cref="Niceness"/> (once per thread). Returns whether it runs lowered.</summary>
    public static bool LowerCurrentThread()
    {
        var niceness = Niceness;
        if (niceness <= 0 || !OperatingSystem.IsLinux())
        {
            return false;
        }

        if (_niceness == niceness)
        {
            return true;
        }

        try
        {
            // PRIO_PROCESS with a thread id sets that thread's own nice value (Linux's threads are tasks).
            if (SetPriority(PrioProcess, GetThreadId(), niceness) == 0)
            {
                _niceness = niceness;
                return true;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        return false;
    }

    [DllImport("libc", EntryPoint = "setpriority")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetThreadId();

    /// <summary>A fixed set of lowered threads taking work from one queue.</summary>
    private sealed class NicedScheduler : TaskScheduler
    {
        private readonly BlockingCollection<Task> _queue = [];

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

        protected override void QueueTask(Task task) => _queue.Add(task);

        protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
            _isWorker && TryExecuteTask(task);

        protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

        private void Work()
        {
            _isWorker = true;
            LowerCurrentThread();
            foreach (var task in _queue.GetConsumingEnumerable())
            {
                TryExecuteTask(task);
            }
        }
    }
}
