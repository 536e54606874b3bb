using System.Collections.Concurrent;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.State;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Validation;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Taking executions over: every unfinished one with no live owner when the process starts (or when an
/// owner's lease expires), and an ended one a caller reopens (retry_step, skip_step, rollback).
/// </summary>
internal sealed partial class ExecutionHost
{
    private readonly ConcurrentDictionary<string, PlaybookDefinition> _pinned = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _acquireLock = new(1, 1);

    /// <summary>Claims and resumes every unfinished execution whose owner is gone.</summary>
    public async Task<ResumeReport> ResumeUnfinishedAsync(CancellationToken cancellationToken)
    {
        var resumed = new List<string>();
        var interrupted = new List<InterruptedStep>();
        var rerun = new List<string>();
        while (true)
        {
            var claimable = await History.ListClaimableAsync(Now, 500, cancellationToken).ConfigureAwait(false);
            var fresh = claimable.Where(c => !_runs.ContainsKey(c.Id) && !resumed.Contains(c.Id)).ToList();
            if (fresh.Count == 0)
            {
                break;
            }

            foreach (var record in fresh)
            {
                resumed.Add(record.Id);
                try
                {
                    if (await TakeOverAsync(record.Id, cancellationToken).ConfigureAwait(false) is { } outcome)
                    {
                        interrupted.AddRange(outcome.Interrupted.Select(step => new InterruptedStep(record.Id, step)));
                        rerun.AddRange(outcome.Rerun.Select(step => $"{record.Id}/{step}"));
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    HostLog.TakeoverFailed(_logger, record.Id, e);
                }
            }
        }

        return new ResumeReport(resumed.Where(_runs.ContainsKey).ToList(), interrupted, rerun);
    }

    /// <summary>
    /// The run of an execution this process may act on: its own, or one it claims now (unfinished with no
    /// live owner, or ended). Null when another live process owns it.
    /// </summary>
    public async Task<ExecutionRun?> AcquireAsync(string executionId, CancellationToken cancellationToken)
    {
        if (_runs.TryGetValue(executionId, out var run))
        {
            return run;
        }

        var record = await History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(executionId);
        if (record.DryRun)
        {
            throw new ExecutionRefusedException(RefusalKind.InvalidTransition, $"execution {executionId} is a dry run: it ran nothing, so there is nothing to control. Start a real run with execute_playbook and dry_run: false.");
        }

        var owner = await History.GetOwnerAsync(executionId, Now, cancellationToken).ConfigureAwait(false);
        if (owner is not null && owner != Services.OwnerId)
        {
            return null;
        }

        await TakeOverAsync(executionId, cancellationToken).ConfigureAwait(false);
        return _runs.TryGetValue(executionId, out run) ? run : null;
    }

    /// <summary>Claims one execution and rebuilds its run here; null when another process claimed it first.</summary>
    private async Task<(List<string> Rerun, List<string> Interrupted)?> TakeOverAsync(string executionId, CancellationToken cancellationToken)
    {
        await _acquireLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_runs.ContainsKey(executionId))
            {
                return null;
            }

            var record = await History.GetExecutionAsync(executionId, cancellationToken).ConfigureAwait(false) ?? throw Unknown(executionId);
            var finished = record.Status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled or ExecutionStatus.RolledBack;
            if (!await History.TryClaimAsync(executionId, Services.OwnerId, Now + Services.Options.LeaseDuration, Now, cancellationToken, evenIfFinished: finished).ConfigureAwait(false))
            {
                return null;
            }

            var stored = new RestoredExecution(
                record,
                await History.GetStepStatesAsync(executionId, cancellationToken).ConfigureAwait(false),
                await History.GetAttemptsAsync(executionId, cancellationToken).ConfigureAwait(false),
                await History.GetApprovalsAsync(executionId, cancellationToken).ConfigureAwait(false),
                await History.GetDecisionsAsync(executionId, cancellationToken).ConfigureAwait(false));
            var playbook = await PinnedPlaybookAsync(record, cancellationToken).ConfigureAwait(false);
            var request = new ExecutionRequest
            {
                Playbook = playbook.Definition,
                Content = playbook.Content,
                Inputs = ParseObject(record.InputsJson),
                Incident = record.IncidentJson is null ? Value.Null : Parse(record.IncidentJson),
                StartedBy = record.StartedBy,
                IdempotencyKey = record.IdempotencyKey,
                ParentExecutionId = record.ParentExecutionId,
                Depth = record.Depth,
                ReplayOf = record.ReplayOf,
            };
            var run = CreateRun(request, record.Id);
            run.Restore(stored);
            _runs[run.Id] = run;
            if (finished)
            {
                return ([], []);
            }

            var lost = playbook.Definition.Inputs.Where(i => i.Secret && request.Inputs.TryGetValue(i.Name, out var v) && v.Kind != ValueKind.Null).Select(i => i.Name).ToList();
            if (lost.Count > 0)
            {
                await run.FailAtTakeoverAsync(new StepError(ErrorCategory.Configuration,
                    $"its process died, and its secret inputs ({string.Join(", ", lost)}) are never stored, so no other process can go on with it; start a new execution")).ConfigureAwait(false);
                return ([], []);
            }

            var (rerun, interrupted) = await run.RecoverInFlightAsync(stored).ConfigureAwait(false);
            foreach (var gate in run.OpenGates)
            {
                ((IRunHost)this).GateOpened(run, gate);
            }

            HostLog.TookOver(_logger, run.Id, record.Status, rerun.Count, interrupted.Count);
            if (record.Status == ExecutionStatus.RollingBack)
            {
                _ = run.ResumeRollback();
            }
            else if (record.Status is ExecutionStatus.Running or ExecutionStatus.Pending)
            {
                _ = run.Drive();
            }

            return (rerun, interrupted);
        }
        finally
        {
            _acquireLock.Release();
        }
    }

    private async Task<(PlaybookDefinition Definition, string Content)> PinnedPlaybookAsync(ExecutionRecord record, CancellationToken cancellationToken)
    {
        var version = await History.GetPlaybookVersionAsync(record.PlaybookId, record.PlaybookVersion, record.PlaybookSha256, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"execution {record.Id} is pinned to {record.PlaybookId} {record.PlaybookVersion} ({record.PlaybookSha256[..12]}), which is missing from history");
        if (_pinned.TryGetValue(record.PlaybookSha256, out var cached))
        {
            return (cached, version.Content);
        }

        var report = new PlaybookValidator().ValidateText(version.Content, version.Source ?? $"{record.PlaybookId}@{record.PlaybookVersion}");
        var definition = report.Playbook ?? throw new InvalidOperationException(
            $"execution {record.Id}'s pinned playbook {record.PlaybookId} {record.PlaybookVersion} no longer loads: {string.Join("; ", report.Diagnostics.Where(d => d.IsError).Take(3).Select(d => d.Message))}");
        _pinned[record.PlaybookSha256] = definition;
        return (definition, version.Content);
    }

    private static Dictionary<string, Value> ParseObject(string json)
    {
        var value = Parse(json);
        return value.Kind == ValueKind.Object ? value.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : [];
    }

    private static Value Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Value.FromJson(document.RootElement);
    }
}
