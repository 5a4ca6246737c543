namespace IiifHarvester.Crawling.Politeness;

/// <summary>
/// The politeness of one host, shared by every source that hits it: a concurrency limit and a rate limit. The rate is
/// a token bucket of one token written as a cell-rate algorithm: each request reserves the next free slot, one
/// interval after the previous one, and waits until its slot comes. Each caller brings its own limit and interval (its
/// source's policy, or the host's Crawl-delay when longer), so the strictest source sets the pace of its own requests.
/// </summary>
internal sealed class HostGate
{
    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly TimeProvider _timeProvider;
    private int _active;
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    public HostGate(TimeProvider timeProvider) => _timeProvider = timeProvider;

    /// <summary>Waits for a concurrency slot, then for the next rate slot. Dispose the lease when the attempt ends.</summary>
    public async ValueTask<Lease> AcquireAsync(int maxConcurrency, TimeSpan interval, CancellationToken cancellationToken)
    {
        maxConcurrency = Math.Max(1, maxConcurrency);
        Waiter? waiter = null;
        lock (_lock)
        {
            if (_active < maxConcurrency && _waiters.Count == 0)
            {
                _active++;
            }
            else
            {
                waiter = new Waiter(maxConcurrency);
                waiter.Node = _waiters.AddLast(waiter);
            }
        }

        if (waiter is not null)
        {
            await using (cancellationToken.Register(static state => ((HostGate)((object[])state!)[0]).Cancel((Waiter)((object[])state)[1]), new object[] { this, waiter }))
            {
                await waiter.Completion.Task.ConfigureAwait(false);
            }
        }

        var lease = new Lease(this);
        try
        {
            if (interval > TimeSpan.Zero)
            {
                DateTimeOffset slot;
                var now = _timeProvider.GetUtcNow();
                lock (_lock)
                {
                    slot = _nextSlot > now ? _nextSlot : now;
                    _nextSlot = slot + interval;
                }

                if (slot > now)
                {
                    await Task.Delay(slot - now, _timeProvider, cancellationToken).ConfigureAwait(false);
                }
            }

            return lease;
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    /// <summary>Requests currently holding a slot (for tests and diagnostics).</summary>
    public int Active
    {
        get
        {
            lock (_lock)
            {
                return _active;
            }
        }
    }

    private void Cancel(Waiter waiter)
    {
        bool removed;
        lock (_lock)
        {
            removed = waiter.Node?.List is not null;
            if (removed)
            {
                _waiters.Remove(waiter.Node!);
            }
        }

        // When it was granted before the cancellation won the lock, the caller holds the slot and releases it as usual.
        if (removed)
        {
            waiter.Completion.TrySetCanceled();
        }
    }

    private void Release()
    {
        List<Waiter>? granted = null;
        lock (_lock)
        {
            _active--;
            var node = _waiters.First;
            while (node is not null)
            {
                var next = node.Next;
                if (_active < node.Value.MaxConcurrency)
                {
                    _waiters.Remove(node);
                    _active++;
                    (granted ??= []).Add(node.Value);
                }

                node = next;
            }
        }

        if (granted is not null)
        {
            foreach (var waiter in granted)
            {
                waiter.Completion.TrySetResult();
            }
        }
    }

    /// <summary>A held concurrency slot.</summary>
    internal sealed class Lease : IDisposable
    {
        private HostGate? _gate;

        public Lease(HostGate gate) => _gate = gate;

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release();
    }

    private sealed class Waiter(int maxConcurrency)
    {
        public int MaxConcurrency { get; } = maxConcurrency;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
