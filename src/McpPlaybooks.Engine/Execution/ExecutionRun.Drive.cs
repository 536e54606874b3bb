using McpPlaybooks.Engine.Execution.State;

namespace McpPlaybooks.Engine.Execution;

/// <summary>
/// Driving: one drive runs the DAG from wherever the execution stands until it ends or parks (a gate, a
/// pause, an interrupted step). Control actions change the run, then wake the drive or start a new one.
/// A parked run holds no task: only its state, in memory and in history.
/// </summary>
internal sealed partial class ExecutionRun
{
    private readonly CancellationTokenSource _cancel = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task<ExecutionState>? _drive;
    private bool _pauseRequested;
    private bool _redriveIfParked;

    /// <summary>True from a drive's start until it has ended or parked.</summary>
    public bool IsDriving
    {
        get
        {
            lock (_lock)
            {
                return _drive is { IsCompleted: false };
            }
        }
    }

    /// <summary>True when no drive runs and the execution waits at a gate or is paused.</summary>
    public bool IsParked
    {
        get
        {
            lock (_lock)
            {
                return _drive is not { IsCompleted: false } && _record.Status is ExecutionStatus.WaitingApproval or ExecutionStatus.Paused;
            }
        }
    }

    /// <summary>Whether the playbook has a step that runs a child execution (the <c>playbook</c> action).</summary>
    public bool RunsChildren => _runsChildren ??= _playbook.Steps.Any(step => step.Action == "playbook");

    private bool? _runsChildren;

    /// <summary>True once the execution has reached a final status.</summary>
    public bool IsFinished => _record.Status.IsFinal();

    /// <summary>How the run, once ended, leaves its process without racing an action that reopens it.</summary>
    public Hosting.RunRetirement Retirement { get; } = new();

    /// <summary>Ended, with no drive running: the run may leave its process (<see cref="Retirement"/>).</summary>
    public bool HasEnded
    {
        get
        {
            lock (_lock)
            {
                return _record.Status.IsFinal() && _drive is not { IsCompleted: false };
            }
        }
    }

    /// <summary>Completes when the current drive (if any) has ended or parked.</summary>
    public Task Settled
    {
        get
        {
            lock (_lock)
            {
                return _drive ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>Starts a drive unless one is running; a running drive is woken to look again at what is ready.</summary>
    public Task<ExecutionState> Drive()
    {
        lock (_lock)
        {
            if (_drive is { IsCompleted: false } running)
            {
                _wake.TrySetResult();
                return running;
            }

            return StartDrive(DriveAsync);
        }
    }

    /// <summary>Runs <paramref name="body"/> as the run's drive (a new one: the caller knows none is running).</summary>
    private Task<ExecutionState> StartDrive(Func<Task<ExecutionState>> body)
    {
        lock (_lock)
        {
            _drive = Task.Run(() => Tracked(body));
            return _drive;
        }
    }

    /// <summary>
    /// A decision or a resume that arrived while a drive was concluding found nothing to wake; once that
    /// drive has parked, it is driven again so the decision is not left waiting. Takes the resume request.
    /// </summary>
    private bool TakeRedrive()
    {
        lock (_lock)
        {
            if (_record.Status == ExecutionStatus.Paused && _redriveIfParked)
            {
                _redriveIfParked = false;
                return true;
            }

            return HasDecidedGate;
        }
    }

    /// <summary>An execution waiting at a gate that has an outcome (decided, or expired) but has not acted on it yet.</summary>
    public bool HasDecidedGate
    {
        get
        {
            lock (_lock)
            {
                return _record.Status == ExecutionStatus.WaitingApproval
                    && (_steps.Exists(s => s.GateDecided)
                        || (_startGate is { } start && !_startGateSettled && (_startGateExpired || Approvals.ApprovalRules.Outcome(start) != Approvals.ApprovalOutcome.Pending)));
            }
        }
    }

    /// <summary>Asks running steps to stop now; the drive then ends the execution as cancelled and runs finally.</summary>
    public void RequestCancel() => _cancel.Cancel();

    /// <summary>Starts no new step; the drive parks as paused once the running ones finish.</summary>
    public void RequestPause()
    {
        lock (_lock)
        {
            _pauseRequested = true;
        }

        Wake();
    }

    private void Wake()
    {
        lock (_lock)
        {
            _wake.TrySetResult();
        }
    }

    private Task TakeWake()
    {
        lock (_lock)
        {
            if (_wake.Task.IsCompleted)
            {
                _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return Task.CompletedTask;
            }

            return _wake.Task;
        }
    }

    private bool PauseRequested
    {
        get
        {
            lock (_lock)
            {
                return _pauseRequested;
            }
        }
    }

    /// <summary>Runs a drive's body and tells the host when it has ended, however it ended.</summary>
    private async Task<ExecutionState> Tracked(Func<Task<ExecutionState>> body)
    {
        Exception? error = null;
        try
        {
            var state = await body().ConfigureAwait(false);

            // Nothing a drive did stays held for a later commit once it has ended or parked (HistoryRecorder.SaveStepLaterAsync).
            await _history.FlushAsync().ConfigureAwait(false);
            return state;
        }
        catch (Exception e)
        {
            error = e;
            if (await EndUnexpectedAsync(e).ConfigureAwait(false) is { } ended)
            {
                await _history.FlushAsync().ConfigureAwait(false);
                return ended;
            }

            throw;
        }
        finally
        {
            _host?.DriveEnded(this, error); // logs an error that ended the drive, even one that ended the execution
            if (error is null)
            {
                _ = Task.Run(RedriveWhenSettledAsync);
            }
        }
    }

    private async Task RedriveWhenSettledAsync()
    {
        try
        {
            await Settled.ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return;
        }

        if (!IsDriving && TakeRedrive())
        {
            _ = Drive();
        }
    }

    /// <summary>The execution's state now, as callers see it.</summary>
    public ExecutionState CurrentState => BuildState();

    private async Task<ExecutionState> DriveAsync()
    {
        if (Interlocked.Exchange(ref _unbound, null) is { } unbound)
        {
            return await EndAsync(ExecutionStatus.Failed, unbound, runFinally: true).ConfigureAwait(false);
        }

        if (_cancel.IsCancellationRequested)
        {
            return await ConcludeAsync(_cancel.Token, null).ConfigureAwait(false);
        }

        if (_record.Status != ExecutionStatus.Running)
        {
            await SetStatusAsync(ExecutionStatus.Running).ConfigureAwait(false);
        }

        if (!await PassStartGateAsync().ConfigureAwait(false))
        {
            return await ConcludeAsync(_cancel.Token, null).ConfigureAwait(false);
        }

        var remaining = _playbook.Timeout is { } limit ? limit - ActiveBefore : (TimeSpan?)null;
        using var timeout = remaining is { } left ? new CancellationTokenSource(left > TimeSpan.Zero ? left : Timeout.InfiniteTimeSpan, Time) : null;
        if (remaining <= TimeSpan.Zero)
        {
            // Spent already: nothing starts.
            await timeout!.CancelAsync().ConfigureAwait(false);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token, timeout?.Token ?? CancellationToken.None);
        await ScheduleAsync(linked.Token).ConfigureAwait(false);
        return await ConcludeAsync(_cancel.Token, timeout).ConfigureAwait(false);
    }

    /// <summary>Running time before the current stretch (the execution timeout counts running time only; see <see cref="Restore"/> for a takeover).</summary>
    private TimeSpan ActiveBefore => TimeSpan.FromMilliseconds(_record.ActiveMs);
}
