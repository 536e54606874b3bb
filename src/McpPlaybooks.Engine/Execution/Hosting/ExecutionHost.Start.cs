using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Guardrails;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Lifecycle;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>Starting: lifecycle, idempotency, identical active runs, guardrails; then the run is recorded and driven.</summary>
internal sealed partial class ExecutionHost
{
    /// <summary>
    /// Starts an execution whose inputs are already bound. Refusals throw <see cref="ExecutionRefusedException"/>
    /// before anything is recorded; an idempotency key or an identical active run returns the existing execution.
    /// </summary>
    public async Task<ExecutionStart> StartAsync(ExecutionRequest request, IExecutionObserver? observer, CancellationToken cancellationToken)
    {
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
            // The run's record holds the hash and the masked inputs as they are stored: the checks compare those.
            run = CreateRun(request);

            // Under the start lock, so two starts with one key in this process give one execution.
            if (request.IdempotencyKey is { } key && await History.FindExecutionByIdempotencyKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } keyed)
            {
                return IdempotencyConflict.Check(key, keyed, run.Record) is { } conflict
                    ? throw new ExecutionRefusedException(RefusalKind.IdempotencyConflict, conflict)
                    : new ExecutionStart(keyed.Id, Existing: true, $"the idempotency key '{key}' already started execution {keyed.Id} ({EnumNames.ToName(keyed.Status)}); this is that execution, not a new one.");
            }

            if (!request.DryRun)
            {
                var record = run.Record;

                // A caller's own idempotency key says "this start, deliberately": no identical-run check then.
                if (request.ParentExecutionId is null && request.IdempotencyKey is null
                    && await History.FindActiveDuplicateAsync(playbook.Id, record.PlaybookSha256, record.InputsJson, record.IncidentJson, cancellationToken).ConfigureAwait(false) is { } active)
                {
                    return new ExecutionStart(active.Id, Existing: true,
                        $"an identical execution (same playbook version, inputs and incident) is already {EnumNames.ToName(active.Status)}: {active.Id}; this is that one. Pass an idempotency_key of your own to start another deliberately.",
                        Duplicate: true);
                }

                await CheckGuardrailsAsync(playbook, record.PlaybookSha256, record.InputsJson, cancellationToken).ConfigureAwait(false);
            }

            if (observer is not null)
            {
                // Before the start is recorded, so the observer hears it.
                _observerLeases[run.Id] = Observers.Add(run.Id, observer);
            }

            _runs[run.Id] = run;
            if (!await run.BeginAsync().ConfigureAwait(false))
            {
                ForgetDryRun(run);
                return new ExecutionStart(run.Id, Existing: false, Note: null);
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
                ForgetDryRun(run);
            }

            return new ExecutionStart(run.Id, Existing: false, Note: null);
        }

        _ = run.Drive();
        return new ExecutionStart(run.Id, Existing: false, Note: null);
    }

    /// <summary>A dry run ended at its start: no drive will let it go.</summary>
    private void ForgetDryRun(ExecutionRun run)
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

    private async Task CheckGuardrailsAsync(PlaybookDefinition playbook, string sha, string inputsJson, CancellationToken cancellationToken)
    {
        var safety = playbook.Safety;
        if (!safety.DryRunFirst && safety.MaxConcurrent is null && safety.MaxExecutionsPerHour is null)
        {
            return;
        }

        var now = Now;
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
