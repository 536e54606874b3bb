using Microsoft.Extensions.Logging;

namespace McpPlaybooks.Engine.Execution.Scheduling;

/// <summary>
/// The one index of deadlines in the process (approval timeouts and the like): keys with a due time, earliest
/// first, behind exactly one <see cref="ITimer"/> of the injected <see cref="TimeProvider"/>, armed for the earliest
/// due. When it fires, each key that is due is removed and its handler awaited, one after another, starting on the
/// timer's thread (a handler that throws is logged and the others still run); then the timer is armed for the next.
/// A key set with a due time already past runs on the thread pool at once, never inline in <see cref="Set"/>.
/// A parked deadline costs a dictionary entry and a heap entry: no thread, no task, no timer of its own.
/// Thread-safe.
/// </summary>
internal sealed partial class DeadlineIndex : IDisposable
{
    /// <summary>The longest the timer is armed for at once; a later deadline is reached by re-arming.</summary>
    private static readonly TimeSpan MaxArm = TimeSpan.FromDays(1);

    private readonly TimeProvider _time;
    private readonly Func<string, Task> _onDue;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();

    // Lazy deletion: the heap may hold stale entries (a replaced or removed key); an entry is current only while
    // its version is the key's version in _current.
    private readonly PriorityQueue<string, (DateTimeOffset Due, long Version)> _queue = new();
    private readonly Dictionary<string, (DateTimeOffset Due, long Version)> _current = new(StringComparer.Ordinal);
    private readonly ITimer _timer;
    private long _version;
    private DateTimeOffset? _armedFor;
    private bool _running;
    private bool _disposed;

    public DeadlineIndex(TimeProvider time, Func<string, Task> onDue, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onDue);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _onDue = onDue;
        _logger = logger;

        _timer = CreateTimer(time, this);
    }

    /// <summary>How many keys wait.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _current.Count;
            }
        }
    }

    /// <summary>The earliest due time of all keys; null when none waits.</summary>
    public DateTimeOffset? Earliest
    {
        get
        {
            lock (_lock)
            {
                return EarliestLocked();
            }
        }
    }

    /// <summary>Sets when <paramref name="key"/> falls due, replacing its earlier due time if it had one. A due time already past fires at once.</summary>
    public void Set(string key, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var version = ++_version;
            _current[key] = (due, version);
            _queue.Enqueue(key, (due, version));
            if (_queue.Count > (2 * _current.Count) + 64)
            {
                Compact();
            }

            ArmLocked();
        }
    }

    /// <summary>Forgets <paramref name="key"/>; false when it was not waiting (never set, removed, or already fired).</summary>
    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (!_current.Remove(key))
            {
                return false;
            }

            ArmLocked();
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _timer.Dispose();
    }

    /// <summary>The timer, created without the creator's ambient state (activity, logging scopes) flowing into its callbacks.</summary>
    private static ITimer CreateTimer(TimeProvider time, DeadlineIndex owner)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return time.CreateTimer(static state => ((DeadlineIndex)state!).OnTimer(), owner, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return time.CreateTimer(static state => ((DeadlineIndex)state!).OnTimer(), owner, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    private void OnTimer()
    {
        lock (_lock)
        {
            _armedFor = null;
            if (_running || _disposed)
            {
                return;
            }

            _running = true;
        }

        // On the timer's thread, as any timer callback: a test clock fires on the thread that moves it, in due order.
        _ = RunDueAsync();
    }

    private async Task RunDueAsync()
    {
        while (TakeNextDue() is { } key)
        {
            try
            {
                await _onDue(key).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(_logger, key, ex);
            }
        }
    }

    /// <summary>Removes and returns the earliest key that is due now; when none is, stops running and arms the timer.</summary>
    private string? TakeNextDue()
    {
        lock (_lock)
        {
            if (!_disposed && EarliestLocked() is { } earliest && earliest <= _time.GetUtcNow())
            {
                var key = _queue.Dequeue();
                _current.Remove(key);
                return key;
            }

            _running = false;
            ArmLocked();
            return null;
        }
    }

    /// <summary>Points the timer at the earliest due, unless it already is, or the handlers are running (they arm it when done).</summary>
    private void ArmLocked()
    {
        if (_running || _disposed)
        {
            return;
        }

        var earliest = EarliestLocked();
        var now = _time.GetUtcNow();
        if (earliest <= now)
        {
            // Due already: run on the thread pool, never inline under the caller's lock. The timer stays as it was.
            _running = true;
            ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.RunDueAsync(), this, preferLocal: false);
            return;
        }

        if (earliest == _armedFor)
        {
            return;
        }

        _armedFor = earliest;
        if (earliest is not { } due)
        {
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var delay = due - now;
        _timer.Change(delay > MaxArm ? MaxArm : delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The earliest current due, dropping stale heap entries on the way.</summary>
    private DateTimeOffset? EarliestLocked()
    {
        while (_queue.TryPeek(out var key, out var priority))
        {
            if (_current.TryGetValue(key, out var current) && current.Version == priority.Version)
            {
                return priority.Due;
            }

            _queue.Dequeue();
        }

        return null;
    }

    private void Compact()
    {
        _queue.Clear();
        foreach (var (key, current) in _current)
        {
            _queue.Enqueue(key, current);
        }
    }

    [LoggerMessage(EventId = 4100, Level = LogLevel.Error, Message = "The handler of deadline {Key} failed; the other deadlines go on")]
    private static partial void LogHandlerFailed(ILogger logger, string key, Exception exception);
}
