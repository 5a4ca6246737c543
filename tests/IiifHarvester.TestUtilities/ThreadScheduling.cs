using System.Globalization;
using System.Runtime.InteropServices;

namespace IiifHarvester.TestUtilities;

/// <summary>How Linux schedules the calling thread, read from <c>/proc/thread-self/stat</c>.</summary>
public static class ThreadScheduling
{
    /// <summary>The normal policy (SCHED_OTHER).</summary>
    public const int Normal = 0;

    /// <summary>The idle policy (SCHED_IDLE) background threads take.</summary>
    public const int Idle = 5;

    /// <summary>The calling thread's nice value: field 19.</summary>
    public static int CurrentNiceness() => StatField(19);

    /// <summary>The calling thread's scheduling policy: field 41.</summary>
    public static int CurrentPolicy() => StatField(41);

    /// <summary>
    /// Runs <paramref name="work"/> on a new thread under SCHED_IDLE (as a harvest's threads run) and returns what it
    /// returned or threw.
    /// </summary>
    public static Task<T> OnIdleThread<T>(Func<T> work)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            var parameters = 0;
            if (SetScheduler(0, Idle, ref parameters) != 0)
            {
                result.SetException(new InvalidOperationException("sched_setscheduler(SCHED_IDLE) was refused: errno " + Marshal.GetLastPInvokeError()));
                return;
            }

            try
            {
                result.SetResult(work());
            }
#pragma warning disable CA1031 // Handed to the test through the task.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result.SetException(ex);
            }
        }) { IsBackground = true, Name = "Test idle thread" }.Start();
        return result.Task;
    }

    [DllImport("libc", EntryPoint = "sched_setscheduler", SetLastError = true)]
    private static extern int SetScheduler(int pid, int policy, ref int parameters);

    private static int StatField(int number)
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // The fields after the command name, which is in parentheses and may hold spaces, start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[number - 3], CultureInfo.InvariantCulture);
    }
}
