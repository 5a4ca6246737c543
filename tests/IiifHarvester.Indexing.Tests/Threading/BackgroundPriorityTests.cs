using IiifHarvester.Indexing.Threading;
using IiifHarvester.TestUtilities;
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
            var lowered = (ThreadScheduling.CurrentNiceness(), ThreadScheduling.CurrentPolicy());
            var started = (-1, -1);
            var thread = new Thread(() => started = (ThreadScheduling.CurrentNiceness(), ThreadScheduling.CurrentPolicy()));
            thread.Start();
            thread.Join();
            return Task.FromResult((lowered, started));
        });

        Assert.Equal((0, ThreadScheduling.Idle), lowered);
        Assert.Equal((0, ThreadScheduling.Normal), started);
    }

    [Fact]
    public async Task Run_TheWorkAndWhatItAwaits_RunUnderTheIdleSchedulingPolicy()
    {
        Assert.True(OperatingSystem.IsLinux(), "these tests run on Linux, where a thread has a scheduling policy of its own");
        Assert.True(BackgroundPriority.UseIdlePolicy);

        var seen = await BackgroundPriority.Run(async () =>
        {
            var before = ThreadScheduling.CurrentPolicy();
            await Task.Delay(TimeSpan.FromMilliseconds(5));
            var afterTimer = ThreadScheduling.CurrentPolicy();
            await Task.Yield();
            return (before, afterTimer, ThreadScheduling.CurrentPolicy(), ThreadScheduling.CurrentNiceness());
        });

        Assert.Equal((ThreadScheduling.Idle, ThreadScheduling.Idle, ThreadScheduling.Idle, 0), seen);
        Assert.Equal(ThreadScheduling.Normal, await Task.Run(ThreadScheduling.CurrentPolicy));
    }

    [Fact]
    public async Task Run_OnePieceBlocked_ManyQueuedAtOnceStillRunLoweredAndNoneIsLost()
    {
        // One piece holds a lowered thread until the rest are done; 99 more come from 99 callers at once. The queue
        // must hand them to the other lowered threads (there are at least two) and lose none of them.
        using var started = new ManualResetEventSlim();
        using var released = new ManualResetEventSlim();
        var blocker = BackgroundPriority.Run(() =>
        {
            started.Set();
            return Task.FromResult((released.Wait(TimeSpan.FromSeconds(60)), ThreadScheduling.CurrentPolicy()));
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)), "the first piece did not start");

        var ran = 0;
        var others = await Task.WhenAll(Enumerable.Range(0, 99).Select(i => Task.Run(() => BackgroundPriority.Run(() =>
        {
            Interlocked.Increment(ref ran);
            return Task.FromResult((i, ThreadScheduling.CurrentPolicy()));
        })))).WaitAsync(TimeSpan.FromSeconds(60));
        released.Set();

        // Every piece ran once, on a lowered thread, while the first still held its own.
        Assert.Equal(99, Volatile.Read(ref ran));
        Assert.Equal(Enumerable.Range(0, 99), others.Select(o => o.i).Order());
        Assert.All(others, o => Assert.Equal(ThreadScheduling.Idle, o.Item2));
        Assert.Equal((true, ThreadScheduling.Idle), await blocker);
    }

    [Fact]
    public async Task Run_ThreadPoolWorkBesideIt_KeepsNormalPriority()
    {
        await BackgroundPriority.Run(async () =>
        {
            await Task.Yield();
            return 0;
        });

        Assert.Equal((0, ThreadScheduling.Normal), await Task.Run(() => (ThreadScheduling.CurrentNiceness(), ThreadScheduling.CurrentPolicy())));
    }

    [Fact]
    public async Task Run_TheCallerGoesOnAtNormalPriority()
    {
        for (var i = 0; i < 20; i++)
        {
            await BackgroundPriority.Run(() => Task.FromResult(0));
            Assert.Equal((0, ThreadScheduling.Normal), (ThreadScheduling.CurrentNiceness(), ThreadScheduling.CurrentPolicy()));
            await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundPriority.Run<int>(() => throw new InvalidOperationException("failed at once")));
            Assert.Equal((0, ThreadScheduling.Normal), (ThreadScheduling.CurrentNiceness(), ThreadScheduling.CurrentPolicy()));
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
}
