using Microsoft.Extensions.Time.Testing;

namespace IiifHarvester.Crawling.Tests;

/// <summary>
/// The fake clock, telling a test when the code under test creates a timer due after <c>due</c>, how many it has
/// created, and whether one has fired. A test awaits <see cref="Created"/> before it advances the clock, so the timer cannot be created after
/// the step it is meant to see; and since <see cref="FakeTimeProvider"/> fires timers inside
/// <see cref="FakeTimeProvider.Advance"/>, <see cref="Fired"/> is settled as soon as Advance returns.
/// </summary>
internal sealed class DueTimerWatch : TimeProvider
{
    private readonly FakeTimeProvider _clock;
    private readonly TimeSpan _due;
    private readonly TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fired;
    private int _count;

    public DueTimerWatch(FakeTimeProvider clock, TimeSpan due)
    {
        _clock = clock;
        _due = due;
    }

    /// <summary>Completes once a timer due after the given time has been created.</summary>
    public Task Created => _created.Task;

    /// <summary>How many timers due after the given time have been created.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Whether that timer has fired.</summary>
    public bool Fired => Volatile.Read(ref _fired) != 0;

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();

    public override long GetTimestamp() => _clock.GetTimestamp();

    public override long TimestampFrequency => _clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != _due)
        {
            return _clock.CreateTimer(callback, state, dueTime, period);
        }

        var timer = _clock.CreateTimer(
            s =>
            {
                Interlocked.Exchange(ref _fired, 1);
                callback(s);
            },
            state,
            dueTime,
            period);
        Interlocked.Increment(ref _count);
        _created.TrySetResult();
        return timer;
    }
}
