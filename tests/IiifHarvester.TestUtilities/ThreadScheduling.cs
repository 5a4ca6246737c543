using System.Globalization;

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

    private static int StatField(int number)
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        // The fields after the command name, which is in parentheses and may hold spaces, start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[number - 3], CultureInfo.InvariantCulture);
    }
}
