using IiifHarvester.Indexing.Threading;
using Xunit;

namespace IiifHarvester.Indexing.Tests.Threading;

public sealed class BackgroundPriorityTests
{
    [Fact]
    public async Task Run_AThreadStartedFromTheLoweredThreads_RunsAtNormalPriority()
    {
        // The thread pool adds workers from whichever thread asks: they must not inherit a lowered priority.
        var (lowered, started) = await BackgroundPriority.Run(() =>
        {
            var lowered = (CurrentThreadNiceness(), CurrentThreadPolicy());
            var started = (-1, -1);
            var thread = new Thread(() => started = (CurrentThreadNiceness(), CurrentThreadPolicy()));
            thread.Start();
            thread.Join();
            return Task.FromResult((lowered, started));
        });

        Assert.Equal((0, SchedIdle), lowered);
        Assert.Equal((0, SchedOther), started);
    }

    [Fact]
    public async Task Run_TheWorkAndWhatItAwaits_RunUnderTheIdleSchedulingPolicy()
    {
        Assert.True(OperatingSystem.IsLinux(), "these tests run on Linux, where a thread has a scheduling policy of its own");
        Assert.True(BackgroundPriority.UseIdlePolicy);

        var seen = await BackgroundPriority.Run(async () =>
        {
            var before = CurrentThreadPolicy();
            await Task.Delay(TimeSpan.FromMilliseconds(5));
            var afterTimer = CurrentThreadPolicy();
            await Task.Yield();
            return (before, afterTimer, CurrentThreadPolicy(), CurrentThreadNiceness());
        });

        Assert.Equal((SchedIdle, SchedIdle, SchedIdle, 0), seen);
        Assert.Equal(SchedOther, await Task.Run(CurrentThreadPolicy));
    }

    [Fact]
    public async Task Run_ThreadPoolWorkBesideIt_KeepsNormalPriority()
    {
        await BackgroundPriority.Run(async () =>
        {
            await Task.Yield();
            return 0;
        });

        Assert.Equal((0, SchedOther), await Task.Run(() => (CurrentThreadNiceness(), CurrentThreadPolicy())));
    }

    [Fact]
    public async Task Run_TheCallerGoesOnAtNormalPriority()
    {
        for (var i = 0; i < 20; i++)
        {
            await BackgroundPriority.Run(() => Task.FromResult(0));
            Assert.Equal((0, SchedOther), (CurrentThreadNiceness(), CurrentThreadPolicy()));
            await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundPriority.Run<int>(() => throw new InvalidOperationException("failed at once")));
            Assert.Equal((0, SchedOther), (CurrentThreadNiceness(), CurrentThreadPolicy()));
        }
    }

    [Fact]
    public async Task Run_ACancellation_ReachesTheCallerWithItsToken()
    {
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BackgroundPriority.Run<int>(async () =>
        {
            await Task.Yield();
            cancel.Token.ThrowIfCancellationRequested();
            return 0;
        }));

        Assert.Equal(cancel.Token, thrown.CancellationToken);
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

    private const int SchedOther = 0;
    private const int SchedIdle = 5;

    /// <summary>The calling thread's nice value: field 19 of /proc/thread-self/stat.</summary>
    private static int CurrentThreadNiceness() => StatField(19);

    /// <summary>The calling thread's scheduling policy: field 41 of /proc/thread-self/stat.</summary>
    private static int CurrentThreadPolicy() => StatField(41);

    private static int StatField(int number)
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[number - 3], System.Globalization.CultureInfo.InvariantCulture);
    }
}
