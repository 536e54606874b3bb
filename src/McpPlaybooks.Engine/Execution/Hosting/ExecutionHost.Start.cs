using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Guardrails;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Starts;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// Starting: lifecycle, idempotency, identical active runs, guardrails; then the run is recorded (with what the checks found,
/// checked again in that transaction: across processes) and driven.
/// </summary>
internal sealed partial class ExecutionHost
{
    /// <summary>How often a start checks again after other processes' starts overtook it, before it gives up (an error saying to retry).</summary>
    private const int StartChecksAtMost = 8;

    /// <summary>
    /// Starts an execution whose inputs are already bound. Refusals throw <see cref="ExecutionRefusedException"/>
    /// before anything is recorded; an idempotency key or an identical active run returns the existing execution. A dry run
    /// neither takes nor looks up an idempotency key (its start's note says so).
    /// The checks read history under this process's start lock; what they found is recorded with the start as its
    /// <see cref="StartClaim"/>, checked again in the transaction that inserts it, so a start that another process recorded
    /// meanwhile is seen: this one is then checked again, and answers as if it had seen that start from the beginning.
    /// </summary>
    public async Task<ExecutionStart> StartAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken)
    {
        if (request.DryRun && request.IdempotencyKey is { } key)
        {
            // A dry run acts on nothing, so nothing could happen twice: the key is left to the real run it prepares.
            var dryRun = await StartAsync(request with { IdempotencyKey = null }, observer, cancellationToken).ConfigureAwait(false);
            return dryRun with { Note = KeyLeftToTheRealRun(key) };
        }

        var playbook = request.Playbook;
        var status = await PlaybookStatusAsync(playbook.Id, playbook.Version, cancellationToken).ConfigureAwait(false);
        if (PlaybookLifecycle.RefuseRun(playbook.Id, playbook.Version, status, request.DryRun) is { } notRunnable)
        {
            throw new ExecutionRefusedException(RefusalKind.PlaybookNotRunnable, notRunnable);
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        ExecutionRun run;
        try
        {
            for (var checks = 1; ; checks++)
            {
                // The run's record holds the hash and the masked inputs as they are stored: the checks compare those.
                run = CreateRun(request);
                var now = Now;
                if (await CheckStartAsync(request, run.Record, now, cancellationToken).ConfigureAwait(false) is { } existing)
                {
                    return existing;
                }

                if (observer is not null)
                {
                    // Before the start is recorded, so the observer hears it.
                    _observerLeases[run.Id] = Observers.Add(run.Id, observer);
                }

                _runs[run.Id] = run;
                try
                {
                    if (!await run.BeginAsync(Claim(request, run.Record, now)).ConfigureAwait(false))
                    {
                        ForgetUnstarted(run);
                        return new ExecutionStart(run.Id, Existing: false, Note: null);
                    }

                    break;
                }
                catch (StartOvertakenException overtaken)
                {
                    // Another process recorded a start first that these checks did not see: check again, seeing it.
                    ForgetUnstarted(run);
                    HostLog.StartOvertaken(_logger, playbook.Id, overtaken.Broken, checks);
                    if (checks == StartChecksAtMost)
                    {
                        throw;
                    }
                }
                catch
                {
                    // Not recorded (history full or gone): nothing of it stays held here, no lease renewed for it.
                    ForgetUnstarted(run);
                    throw;
                }
            }
        }
        finally
        {
            _startLock.Release();
        }

        if (request.DryRun)
        {
            // Planned here, not under the start lock: the dry runs of its child playbooks start too.
            try
            {
                await run.PlanDryRunAsync().ConfigureAwait(false);
            }
            finally
            {
                ForgetUnstarted(run);
            }

            return new ExecutionStart(run.Id, Existing: false, Note: null);
        }

        _ = run.Drive();
        return new ExecutionStart(run.Id, Existing: false, Note: null);
    }

    /// <summary>
    /// The checks of a start, on what history holds now: the execution an idempotency key or an identical active run already
    /// started (to return), null when this one may start; a refusal (a key used for another request, a guardrail) throws.
    /// </summary>
    private async Task<ExecutionStart?> CheckStartAsync(ExecutionRequest request, ExecutionRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is { } key && await History.FindExecutionByIdempotencyKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } keyed)
        {
            return IdempotencyConflict.Check(key, keyed, record) is { } conflict
                ? throw new ExecutionRefusedException(RefusalKind.IdempotencyConflict, conflict)
                : new ExecutionStart(keyed.Id, Existing: true, $"the idempotency key '{key}' already started execution {keyed.Id} ({EnumNames.ToName(keyed.Status)}); this is that execution, not a new one.");
        }

        if (request.DryRun)
        {
            return null;
        }

        var playbook = request.Playbook;
        if (ChecksIdenticalRuns(request)
            && await History.FindActiveDuplicateAsync(playbook.Id, record.PlaybookSha256, record.InputsJson, record.IncidentJson, cancellationToken).ConfigureAwait(false) is { } active)
        {
            return new ExecutionStart(active.Id, Existing: true,
                $"an identical execution (same playbook version, inputs and incident) is already {EnumNames.ToName(active.Status)}: {active.Id}; this is that one. Pass an idempotency_key of your own to start another deliberately.",
                Duplicate: true);
        }

        await CheckGuardrailsAsync(playbook, record.PlaybookSha256, record.InputsJson, now, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private static string KeyLeftToTheRealRun(string key) =>
        $"a dry run does not take an idempotency key: '{key}' is still free, and the first real run with it starts an execution of its own.";

    /// <summary>A real start of a caller's own, without a key: a caller's key says "this start, deliberately", a child's is its parent step's.</summary>
    private static bool ChecksIdenticalRuns(ExecutionRequest request) =>
        !request.DryRun && request.ParentExecutionId is null && request.IdempotencyKey is null;

    /// <summary>What <see cref="CheckStartAsync"/> found at <paramref name="now"/>, for the transaction that records the start to check again.</summary>
    private static StartClaim Claim(ExecutionRequest request, ExecutionRecord record, DateTimeOffset now) => new(request.Playbook.Id)
    {
        IdempotencyKey = request.IdempotencyKey,
        Identical = ChecksIdenticalRuns(request) ? new IdenticalRun(record.PlaybookSha256, record.InputsJson, record.IncidentJson) : null,
        MaxConcurrent = request.DryRun ? null : request.Playbook.Safety.MaxConcurrent,
        MaxPerHour = request.DryRun ? null : request.Playbook.Safety.MaxExecutionsPerHour,
        Since = now - Guardrails.Guardrails.Window,
    };

    /// <summary>A run no drive will let go: a dry run that ended at its start, or a start another process overtook.</summary>
    private void ForgetUnstarted(ExecutionRun run)
    {
        _runs.TryRemove(run.Id, out _);
        if (_observerLeases.TryRemove(run.Id, out var subscription))
        {
            subscription.Dispose();
        }
    }

    /// <summary>The lifecycle status of a version: the one recorded, else active (a file on disk).</summary>
    public async Task<PlaybookStatus> PlaybookStatusAsync(string playbookId, string version, CancellationToken cancellationToken) =>
        (await History.GetPlaybookStatusAsync(playbookId, version, cancellationToken).ConfigureAwait(false))?.Status ?? PlaybookStatus.Active;

    private async Task CheckGuardrailsAsync(PlaybookDefinition playbook, string sha, string inputsJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var safety = playbook.Safety;
        if (!safety.DryRunFirst && safety.MaxConcurrent is null && safety.MaxExecutionsPerHour is null)
        {
            return;
        }

        var hourAgo = now - Guardrails.Guardrails.Window;
        var starts = safety.MaxExecutionsPerHour is null ? [] : await History.ListExecutionStartsAsync(playbook.Id, hourAgo, cancellationToken).ConfigureAwait(false);
        var active = safety.MaxConcurrent is null ? [] : await History.ListActiveExecutionsAsync(playbook.Id, cancellationToken).ConfigureAwait(false);
        var dryRun = safety.DryRunFirst ? await History.FindDryRunAsync(playbook.Id, sha, inputsJson, hourAgo, cancellationToken).ConfigureAwait(false) : null;
        var facts = new GuardrailFacts(starts, [.. active.Select(a => a.Id)], dryRun?.CreatedAt);
        if (Guardrails.Guardrails.Check(playbook.Id, safety, facts, now) is { } refusal)
        {
            throw new ExecutionRefusedException(RefusalKind.Guardrail, refusal.Message) { Rule = refusal.Rule, RetryAt = refusal.RetryAt };
        }
    }
}
