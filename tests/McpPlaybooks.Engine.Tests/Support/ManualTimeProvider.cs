namespace McpPlaybooks.Engine.Tests.Support;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test says so. Timers fire on the
/// thread that calls <see cref="Advance"/> or <see cref="SetUtcNow"/>, in due order, with the clock
/// set to each timer's due time while its callback runs; periodic timers fire once per period
/// passed. A timer whose due time is already reached fires at once, on the thread that set it.
/// <c>Task.Delay(d, clock)</c>, <c>new CancellationTokenSource(d, clock)</c> and Polly's delays all
/// work against it. Tests that must wait until code under test is waiting on a timer use
/// <see cref="WaitForTimerAsync(CancellationToken)"/> instead of sleeping.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>Where every clock starts: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private readonly List<(int Count, TaskCompletionSource Waiter)> _waiters = [];
    private DateTimeOffset _now;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _now = start.ToUniversalTime();

    /// <summary>How many timers are scheduled to fire (created and neither fired for good, stopped nor disposed).</summary>
    public int ActiveTimerCount
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count;
            }
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        SetUtcNow(GetUtcNow() + delta);
    }

    /// <summary>Moves the clock forward to <paramref name="value"/> (never back), firing every timer that falls due on the way.</summary>
    public void SetUtcNow(DateTimeOffset value)
    {
        lock (_lock)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, _now);
        }

        FireDue(value);
    }

    /// <summary>Completes when at least one timer is active: someone is waiting on the clock.</summary>
    public Task WaitForTimerAsync(CancellationToken cancellationToken) => WaitForTimersAsync(1, cancellationToken);

    /// <summary>
    /// Completes once a timer is set to fire <paramref name="dueIn"/> or later from now: a wait of that length has begun, not
    /// only a shorter timer (a step's timeout that is about to be disposed).
    /// </summary>
    public async Task WaitForTimerDueAsync(TimeSpan dueIn, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_lock)
            {
                if (_timers.Exists(timer => timer.Due - _now >= dueIn))
                {
                    return;
                }
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> timers are active.</summary>
    public Task WaitForTimersAsync(int count, CancellationToken cancellationToken)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_timers.Count >= count)
            {
                return Task.CompletedTask;
            }

            _waiters.Add((count, waiter));
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource>? released = null;
        DateTimeOffset now;
        lock (_lock)
        {
            _timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? null : period;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                timer.Due = _now + dueTime;
                _timers.Add(timer);
                released = ReleaseWaiters();
            }

            now = _now;
        }

        foreach (var waiter in released ?? [])
        {
            waiter.TrySetResult();
        }

        if (dueTime == TimeSpan.Zero)
        {
            FireDue(now);
        }
    }

    private void Unschedule(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    private List<TaskCompletionSource> ReleaseWaiters()
    {
        var released = new List<TaskCompletionSource>();
        for (var i = _waiters.Count - 1; i >= 0; i--)
        {
            if (_timers.Count >= _waiters[i].Count)
            {
                released.Add(_waiters[i].Waiter);
                _waiters.RemoveAt(i);
            }
        }

        return released;
    }

    private void FireDue(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.Due <= target && (next is null || timer.Due < next.Due))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    _now = target > _now ? target : _now;
                    return;
                }

                _now = next.Due > _now ? next.Due : _now;
                if (next.Period is { } period)
                {
                    next.Due += period;
                }
                else
                {
                    _timers.Remove(next);
                }
            }

            next.Fire();
        }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset Due { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(dueTime));
            }

            if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
            {
                throw new ArgumentOutOfRangeException(nameof(period));
            }

            if (Volatile.Read(ref _disposed))
            {
                return false;
            }

            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            Volatile.Write(ref _disposed, true);
            owner.Unschedule(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
