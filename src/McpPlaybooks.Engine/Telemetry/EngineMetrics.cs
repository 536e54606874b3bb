using System.Diagnostics.Metrics;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Writes;
using McpPlaybooks.Engine.Resilience;

namespace McpPlaybooks.Engine.Telemetry;

/// <summary>
/// The engine's measurements, on the <see cref="MeterName"/> meter (System.Diagnostics.Metrics; the server exports them):
/// read off the history's commits, so a figure counts only what is durable. Tags are bounded: playbook ids, action
/// names, statuses, error categories and breaker targets, never an input or an execution id.
/// </summary>
public sealed class EngineMetrics : IHistoryCommitListener, IDisposable
{
    /// <summary>The meter every instrument is on.</summary>
    public const string MeterName = "McpPlaybooks";

    private readonly TimeProvider time;
    private readonly Meter meter;
    private readonly Counter<long> started;
    private readonly Counter<long> finished;
    private readonly Histogram<double> executionDuration;
    private readonly Counter<long> attempts;
    private readonly Histogram<double> attemptDuration;
    private readonly Histogram<double> commitDuration;

    internal EngineMetrics(HistoryStore history, CircuitBreakerRegistry breakers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(breakers);
        this.time = time;
        // The store as scope: a listener can tell this engine's instruments from another's in the same process.
        meter = new Meter(new MeterOptions(MeterName) { Scope = history });
        started = meter.CreateCounter<long>("mcpplaybooks.executions.started", "{execution}", "Executions started (tags: playbook, dry_run)");
        finished = meter.CreateCounter<long>("mcpplaybooks.executions.finished", "{execution}", "Executions that reached a final status (tags: playbook, status, dry_run)");
        executionDuration = meter.CreateHistogram<double>("mcpplaybooks.execution.duration", "s", "From start to final status (tags: playbook, status)");
        attempts = meter.CreateCounter<long>("mcpplaybooks.step.attempts", "{attempt}", "Step attempts that ended (tags: action, status, error_category)");
        attemptDuration = meter.CreateHistogram<double>("mcpplaybooks.step.duration", "s", "How long an attempt ran (tags: action, status)");
        commitDuration = meter.CreateHistogram<double>("mcpplaybooks.history.write.duration", "s", "From queuing a batch of history writes to its commit");
        meter.CreateObservableGauge("mcpplaybooks.gates.waiting", history.CountPendingGates, "{gate}", "Approval gates waiting for a decision, in the whole database");
        meter.CreateObservableGauge("mcpplaybooks.breaker.state", () => BreakerStates(breakers), "{breaker}", "1 for each breaker target in its current state (tags: target, state: closed, open, half_open)");
    }

    /// <summary>Ends every instrument (the history store disposes its listener with itself).</summary>
    void IDisposable.Dispose() => meter.Dispose();

    long IHistoryCommitListener.Timestamp() => time.GetTimestamp();

    void IHistoryCommitListener.Committed(IReadOnlyList<HistoryWrite> writes, long queuedAt)
    {
        commitDuration.Record(time.GetElapsedTime(queuedAt).TotalSeconds);
        var startedHere = writes.Any(w => w is HistoryWrite.AppendAudit { Record.Action: "execution_started" or "dry_run_started" });
        foreach (var write in writes)
        {
            switch (write)
            {
                case HistoryWrite.SaveExecution { Record: var execution } when startedHere:
                    started.Add(1, new("playbook", execution.PlaybookId), new("dry_run", execution.DryRun));
                    break;
                case HistoryWrite.SaveExecution { Record: { EndedAt: { } ended } execution } when execution.Status.IsFinal():
                    var status = EnumNames.ToName(execution.Status);
                    finished.Add(1, new("playbook", execution.PlaybookId), new("status", status), new("dry_run", execution.DryRun));
                    if (execution.StartedAt is { } began && !execution.DryRun)
                    {
                        executionDuration.Record((ended - began).TotalSeconds, new("playbook", execution.PlaybookId), new("status", status));
                    }

                    break;
                case HistoryWrite.SaveAttempt { Record: { EndedAt: { } end } attempt }:
                    var attemptStatus = EnumNames.ToName(attempt.Status);
                    attempts.Add(1, new("action", attempt.Action), new("status", attemptStatus),
                        new("error_category", attempt.ErrorCategory is { } category ? EnumNames.ToName(category) : "none"));
                    attemptDuration.Record((end - attempt.StartedAt).TotalSeconds, new("action", attempt.Action), new("status", attemptStatus));
                    break;
            }
        }
    }

    private static IEnumerable<Measurement<int>> BreakerStates(CircuitBreakerRegistry breakers) =>
        breakers.Snapshot().Select(b => new Measurement<int>(1, new("target", b.Target), new("state", b.State)));
}
