using IiifHarvester.Crawling.Politeness;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IiifHarvester.Crawling.Tests.Politeness;

public sealed class HostGateTests
{
    [Fact]
    public async Task AcquireAsync_OverTheConcurrencyLimit_WaitsForARelease()
    {
        var gate = new HostGate(new FakeTimeProvider());
        var first = await gate.AcquireAsync(2, TimeSpan.Zero, CancellationToken.None);
        var second = await gate.AcquireAsync(2, TimeSpan.Zero, CancellationToken.None);

        var third = gate.AcquireAsync(2, TimeSpan.Zero, CancellationToken.None).AsTask();
        await Progress.StaysAsync(() => third.IsCompleted ? 1 : 0, 0, "third caller gone at the limit");
        first.Dispose();
        using var lease = await third.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, gate.Active);
        second.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_StallPastSeveralSlots_StillLetsOneCallerGoPerInterval()
    {
        // A stall on our side: no timer fires until a full second has passed, when all three callers' waits are due at
        // once. Only one may go then; the others wait for their own interval from it, or they would reach the host in
        // a burst of three.
        var clock = new FakeTimeProvider();
        var interval = TimeSpan.FromMilliseconds(250);
        var time = new DueTimerWatch(clock, interval);
        var gate = new HostGate(time);
        using var first = await gate.AcquireAsync(8, interval, CancellationToken.None);
        var waiting = Enumerable.Range(0, 3).Select(_ => gate.AcquireAsync(8, interval, CancellationToken.None).AsTask()).ToList();
        int Gone() => waiting.Count(t => t.IsCompleted);
        await Progress.UntilAsync(() => time.Count == 3, "the three callers to wait an interval on the clock");

        clock.Advance(TimeSpan.FromSeconds(1));

        // One goes; the other two wait on the clock for an interval from it.
        await Progress.UntilAsync(() => Gone() >= 1 && time.Count == 5, "one caller to go and two to wait again");
        await Progress.StaysAsync(Gone, 1, "callers gone after the stall");

        clock.Advance(interval);
        await Progress.UntilAsync(() => Gone() >= 2 && time.Count == 6, "a second caller to go and the last to wait again");
        await Progress.StaysAsync(Gone, 2, "callers gone one interval after the stall");

        clock.Advance(interval);
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));
        waiting.ForEach(t => t.Result.Dispose());
    }

    [Fact]
    public async Task AcquireAsync_SharedSlotNotYetDue_WaitsAsLongAsTheClusterSaysThenTakesIt()
    {
        // Another node holds the host's slot for 300 ms more: our own slot is free, but the request waits for that one.
        var time = new FakeTimeProvider();
        var shared = new ScriptedPace(TimeSpan.FromMilliseconds(300), TimeSpan.Zero);
        var gate = new HostGate(time, "inst.example:443", shared);

        var acquire = gate.AcquireAsync(4, TimeSpan.FromMilliseconds(100), CancellationToken.None).AsTask();
        await Progress.UntilAsync(() => shared.Asked == 1, "the gate to ask the cluster once");
        time.Advance(TimeSpan.FromMilliseconds(299));
        await Progress.StaysAsync(() => acquire.IsCompleted ? 1 : 0, 0, "callers gone 1 ms before the cluster's slot");
        Assert.Equal(1, shared.Asked);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await acquire.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, shared.Asked);
        Assert.Equal(["inst.example:443", "inst.example:443"], shared.Hosts);
    }

    [Fact]
    public async Task AcquireAsync_NoInterval_NeverAsksTheCluster()
    {
        var shared = new ScriptedPace(TimeSpan.FromSeconds(1));
        var gate = new HostGate(new FakeTimeProvider(), "inst.example:443", shared);

        using var lease = await gate.AcquireAsync(4, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(0, shared.Asked);
    }

    [Fact]
    public async Task AcquireAsync_StricterCallerLimit_AppliesToThatCaller()
    {
        var gate = new HostGate(new FakeTimeProvider());
        using var a = await gate.AcquireAsync(4, TimeSpan.Zero, CancellationToken.None);

        var strict = gate.AcquireAsync(1, TimeSpan.Zero, CancellationToken.None).AsTask();
        using var loose = await gate.AcquireAsync(4, TimeSpan.Zero, CancellationToken.None);

        await Progress.StaysAsync(() => strict.IsCompleted ? 1 : 0, 0, "strict callers gone past their limit of one");
        Assert.Equal(2, gate.Active);
    }

    [Fact]
    public async Task AcquireAsync_StrictWaiterOvertakenTooOften_NewArrivalsQueueBehindIt()
    {
        var gate = new HostGate(new FakeTimeProvider());
        var held = new List<HostGate.Lease> { await gate.AcquireAsync(64, TimeSpan.Zero, CancellationToken.None) };
        var strict = gate.AcquireAsync(1, TimeSpan.Zero, CancellationToken.None).AsTask();
        for (var i = 0; i < HostGate.MaxBypasses; i++)
        {
            held.Add(await gate.AcquireAsync(64, TimeSpan.Zero, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        }

        var late = gate.AcquireAsync(64, TimeSpan.Zero, CancellationToken.None).AsTask();
        await Progress.StaysAsync(() => late.IsCompleted ? 1 : 0, 0, "late arrivals gone ahead of the overtaken strict caller");
        held.ForEach(l => l.Dispose());
        using var strictLease = await strict.WaitAsync(TimeSpan.FromSeconds(5));
        using var lateLease = await late.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, gate.Active);
    }

    [Fact]
    public async Task AcquireAsync_RateInterval_SpacesSlotsOnTheClock()
    {
        var time = new FakeTimeProvider();
        var gate = new HostGate(time);
        (await gate.AcquireAsync(8, TimeSpan.FromSeconds(1), CancellationToken.None)).Dispose();

        // The next slot is exactly one interval after the first: not a millisecond sooner, and no later.
        var next = gate.AcquireAsync(8, TimeSpan.FromSeconds(1), CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        await Progress.StaysAsync(() => next.IsCompleted ? 1 : 0, 0, "callers gone 1 ms before the interval");
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_PauseAfterRelease_NextSlotCountsFromTheEndOfTheLastRequest()
    {
        var time = new FakeTimeProvider();
        var gate = new HostGate(time);
        var first = await gate.AcquireAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None, TimeSpan.FromSeconds(1));

        // The first request runs long (its slot interval passes while it is still under way) and only then ends.
        time.Advance(TimeSpan.FromSeconds(3));
        first.Dispose();
        // The slot interval passed long ago; the pause after the release is what holds the next one, a full second.
        var next = gate.AcquireAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None, TimeSpan.FromSeconds(1)).AsTask();
        time.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        await Progress.StaysAsync(() => next.IsCompleted ? 1 : 0, 0, "callers gone 1 ms before the pause after the release ends");
        time.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileWaiting_ThrowsAndFreesNothing()
    {
        var gate = new HostGate(new FakeTimeProvider());
        var held = await gate.AcquireAsync(1, TimeSpan.Zero, CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = gate.AcquireAsync(1, TimeSpan.Zero, cts.Token).AsTask();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(0, gate.Active);
    }

    /// <summary>A cluster's answers in order (the last repeats), and what it was asked.</summary>
    private sealed class ScriptedPace(params TimeSpan[] answers) : ISharedHostPace
    {
        private readonly List<string> _hosts = [];

        public int Asked
        {
            get
            {
                lock (_hosts)
                {
                    return _hosts.Count;
                }
            }
        }

        public IReadOnlyList<string> Hosts
        {
            get
            {
                lock (_hosts)
                {
                    return [.. _hosts];
                }
            }
        }

        public ValueTask<TimeSpan> TryTakeAsync(string hostKey, TimeSpan interval, CancellationToken cancellationToken)
        {
            lock (_hosts)
            {
                _hosts.Add(hostKey);
                return ValueTask.FromResult(answers[Math.Min(_hosts.Count, answers.Length) - 1]);
            }
        }
    }
}
