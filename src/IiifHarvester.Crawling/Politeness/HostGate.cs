namespace IiifHarvester.Crawling.Politeness;

/// <summary>
/// The politeness of one host, shared by every source that hits it: a concurrency limit and a rate limit. The rate is
/// a token bucket of one token: a request may start once one interval has passed since the previous one started,
/// checked when it is ready to go, so that a stall on our side cannot release a burst. Each caller brings its own limit and interval (its
/// source's policy, or the host's Crawl-delay when longer), so the strictest source sets the pace of its own requests.
/// A caller whose limit still has room goes ahead of queued callers with a stricter limit (they could not start
/// anyway), but only <see cref="MaxBypasses"/> times per waiter, after which the host drains to let the oldest waiter in.
/// With a <see cref="ISharedHostPace"/> (a cluster), a caller granted its slot here then takes the host's slot there
/// too, so the nodes of a cluster together keep the rate each keeps alone.
/// </summary>
internal sealed class HostGate
{
    /// <summary>How often a waiting caller may be overtaken by callers with a looser limit before new arrivals queue behind it.</summary>
    internal const int MaxBypasses = 16;

    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private readonly TimeProvider _timeProvider;
    private readonly string _hostKey;
    private readonly ISharedHostPace? _shared;
    private int _active;
    private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;

    public HostGate(TimeProvider timeProvider, string hostKey = "", ISharedHostPace? shared = null)
    {
        _timeProvider = timeProvider;
        _hostKey = hostKey;
        _shared = shared;
    }

    /// <summary>
    /// Waits for a concurrency slot, then for the next rate slot. Dispose the lease when the attempt ends; with
    /// <paramref name="pauseAfterRelease"/>, the next slot also comes no sooner than that long after the release.
    /// </summary>
    public async ValueTask<Lease> AcquireAsync(int maxConcurrency, TimeSpan interval, CancellationToken cancellationToken, TimeSpan pauseAfterRelease = default)
    {
        maxConcurrency = Math.Max(1, maxConcurrency);
        Waiter? waiter = null;
        lock (_lock)
        {
            if (_active < maxConcurrency && CanOvertakeWaiters())
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

        var lease = new Lease(this, pauseAfterRelease);
        try
        {
            // The slot is taken when the caller is actually ready to go, not reserved ahead: were it reserved, a stall
            // on our side (a busy thread pool, a late timer) would wake several callers at once whose slots had all
            // come, and they would reach the host together. A caller that wakes to find the slot taken waits again.
            while (interval > TimeSpan.Zero)
            {
                TimeSpan wait;
                lock (_lock)
                {
                    var now = _timeProvider.GetUtcNow();
                    if (_nextSlot <= now)
                    {
                        _nextSlot = now + interval;
                        break;
                    }

                    wait = _nextSlot - now;
                }

                await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
            }

            // The cluster's slot is taken the same way, once ours here is: when the slot is ready, not reserved ahead.
            while (interval > TimeSpan.Zero && _shared is not null)
            {
                var wait = await _shared.TryTakeAsync(_hostKey, interval, cancellationToken).ConfigureAwait(false);
                if (wait <= TimeSpan.Zero)
                {
                    break;
                }

                await Task.Delay(wait, _timeProvider, cancellationToken).ConfigureAwait(false);
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

    private bool CanOvertakeWaiters()
    {
        // Every queued waiter is queued because its own limit is reached (Release grants those that fit), so letting a
        // looser caller start costs them nothing now; the bypass count keeps a strict caller from waiting forever.
        var oldest = _waiters.First;
        if (oldest is null)
        {
            return true;
        }

        if (oldest.Value.Bypassed >= MaxBypasses)
        {
            return false;
        }

        oldest.Value.Bypassed++;
        return true;
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

    private void Release(TimeSpan pauseAfterRelease)
    {
        List<Waiter>? granted = null;
        var now = pauseAfterRelease > TimeSpan.Zero ? _timeProvider.GetUtcNow() : default;
        lock (_lock)
        {
            _active--;
            if (pauseAfterRelease > TimeSpan.Zero && now + pauseAfterRelease > _nextSlot)
            {
                _nextSlot = now + pauseAfterRelease;
            }

            var node = _waiters.First;
            while (node is not null)
            {
                var next = node.Next;

                // Once the oldest waiter has been overtaken too often, nobody behind it starts before it does.
                if (node != _waiters.First && _waiters.First!.Value.Bypassed >= MaxBypasses)
                {
                    break;
                }

                if (_active < node.Value.MaxConcurrency)
                {
                    if (node != _waiters.First)
                    {
                        _waiters.First!.Value.Bypassed++;
                    }

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
        private readonly TimeSpan _pauseAfterRelease;
        private HostGate? _gate;

        public Lease(HostGate gate, TimeSpan pauseAfterRelease)
        {
            _gate = gate;
            _pauseAfterRelease = pauseAfterRelease;
        }

        public void Dispose() => Interlocked.Exchange(ref _gate, null)?.Release(_pauseAfterRelease);
    }

    private sealed class Waiter(int maxConcurrency)
    {
        public int MaxConcurrency { get; } = maxConcurrency;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }

        /// <summary>How many callers started while this one waited at the head of the queue.</summary>
        public int Bypassed { get; set; }
    }
}
