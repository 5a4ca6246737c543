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
        await Task.Delay(50);
        var waited = !third.IsCompleted;
        first.Dispose();
        using var lease = await third.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(waited);
        Assert.Equal(2, gate.Active);
        second.Dispose();
    }

    [Fact]
    public async Task AcquireAsync_StallPastSeveralSlots_StillLetsOneCallerGoPerInterval()
    {
        // A stall on our side: no timer fires until a full second has passed, when all three callers' waits are due at
        // once. Only one may go then; the others wait for their own interval from it, or they would reach the host in
        // a burst of three.
        var time = new FakeTimeProvider();
        var gate = new HostGate(time);
        var interval = TimeSpan.FromMilliseconds(250);
        using var first = await gate.AcquireAsync(8, interval, CancellationToken.None);
        var waiting = Enumerable.Range(0, 3).Select(_ => gate.AcquireAsync(8, interval, CancellationToken.None).AsTask()).ToList();
        await Task.Delay(50);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAny(waiting).WaitAsync(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        var afterStall = waiting.Count(t => t.IsCompleted);
        time.Advance(interval);
        await Task.Delay(50);
        var afterOneInterval = waiting.Count(t => t.IsCompleted);
        time.Advance(interval);
        await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, afterStall);
        Assert.Equal(2, afterOneInterval);
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
        await Task.Delay(50);
        var early = acquire.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var lease = await acquire.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(early);
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
        await Task.Delay(50);

        Assert.False(strict.IsCompleted);
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
        await Task.Delay(50);
        var lateWaited = !late.IsCompleted;
        held.ForEach(l => l.Dispose());
        using var strictLease = await strict.WaitAsync(TimeSpan.FromSeconds(5));
        using var lateLease = await late.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(lateWaited);
        Assert.Equal(2, gate.Active);
    }

    [Fact]
    public async Task AcquireAsync_RateInterval_SpacesSlotsOnTheClock()
    {
        var time = new FakeTimeProvider();
        var gate = new HostGate(time);
        (await gate.AcquireAsync(8, TimeSpan.FromSeconds(1), CancellationToken.None)).Dispose();

        var next = gate.AcquireAsync(8, TimeSpan.FromSeconds(1), CancellationToken.None).AsTask();
        await Task.Delay(50);
        var waitedBefore = !next.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        Assert.True(waitedBefore);
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
        var next = gate.AcquireAsync(1, TimeSpan.FromSeconds(1), CancellationToken.None, TimeSpan.FromSeconds(1)).AsTask();
        await Task.Delay(50);
        var waitedAfterRelease = !next.IsCompleted;
        time.Advance(TimeSpan.FromSeconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();

        Assert.True(waitedAfterRelease);
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
