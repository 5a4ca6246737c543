using IiifHarvester.Indexing.Threading;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Threading;

public sealed class BackgroundPriorityTests
{
    [Fact]
    public async Task Run_TheWorkAndWhatItAwaits_RunOnThreadsAtTheBackgroundNiceValue()
    {
        Assert.True(OperatingSystem.IsLinux(), "these tests run on Linux, where a thread has a nice value of its own");
        Assert.Equal(0, CurrentThreadNiceness());

        var seen = await BackgroundPriority.Run(async () =>
        {
            var before = CurrentThreadNiceness();
            await Task.Delay(TimeSpan.FromMilliseconds(5));
            var afterTimer = CurrentThreadNiceness();
            await Task.Yield();
            return (before, afterTimer, CurrentThreadNiceness());
        });

        Assert.Equal((BackgroundPriority.Niceness, BackgroundPriority.Niceness, BackgroundPriority.Niceness), seen);
        Assert.Equal(10, BackgroundPriority.Niceness);
    }

    [Fact]
    public async Task Run_ThreadPoolWorkBesideIt_KeepsNormalPriority()
    {
        await BackgroundPriority.Run(async () =>
        {
            await Task.Yield();
            return 0;
        });

        Assert.Equal(0, await Task.Run(CurrentThreadNiceness));
    }

    [Fact]
    public async Task Run_AFailure_ReachesTheCaller()
    {
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundPriority.Run<int>(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("failed in the background");
        }));

        Assert.Equal("failed in the background", thrown.Message);
    }

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat.</summary>
    private static int CurrentThreadNiceness()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }
}
