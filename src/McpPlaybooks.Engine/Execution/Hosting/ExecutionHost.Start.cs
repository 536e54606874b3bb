using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Guardrails;
using McpPlaybooks.Engine.Expressions;
using McpPlaybooks.Engine.Lifecycle;
using McpPlaybooks.Engine.Secrets;

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

        if (request.IdempotencyKey is { } key && await History.FindExecutionByIdempotencyKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } keyed)
        {
            return new ExecutionStart(keyed.Id, Existing: true, $"the idempotency key '{key}' already started execution {keyed.Id} ({EnumNames.ToName(keyed.Status)}); this is that execution, not a new one.");
        }

        await _startLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        ExecutionRun run;
        try
        {
            if (request.IdempotencyKey is { } again && await History.FindExecutionByIdempotencyKeyAsync(again, cancellationToken).ConfigureAwait(false) is { } raced)
            {
                return new ExecutionStart(raced.Id, Existing: true, $"the idempotency key '{again}' already started execution {raced.Id}; this is that execution.");
            }

            if (!request.DryRun)
            {
                var sha = PlaybookHash.Of(request.Content);
                var masker = new SecretMasker(Services.Secrets.Values.Concat(SecretInputs(request)));
                var inputsJson = masker.Apply(Value.From(request.Inputs)).ToJson();
                var incidentJson = request.Incident.Kind == ValueKind.Null ? null : masker.Apply(request.Incident).ToJson();
                if (request.ParentExecutionId is null && request.IdempotencyKey is null
                    && await History.FindActiveDuplicateAsync(playbook.Id, sha, inputsJson, incidentJson, cancellationToken).ConfigureAwait(false) is { } active)
                {
                    return new ExecutionStart(active.Id, Existing: true,
                        $"an identical execution (same playbook version, inputs and incident) is already {EnumNames.ToName(active.Status)}: {active.Id}; this is that one. Pass an idempotency_key of your own to start another deliberately.");
                }

                await CheckGuardrailsAsync(playbook, sha, inputsJson, cancellationToken).ConfigureAwait(false);
            }

            run = CreateRun(request);
            if (observer is not null)
            {
                // Before the start is recorded, so the observer hears it.
                _observerLeases[run.Id] = Observers.Add(run.Id, observer);
            }

            _runs[run.Id] = run;
            if (!await run.BeginAsync().ConfigureAwait(false))
            {
                _runs.TryRemove(run.Id, out _);
                return new ExecutionStart(run.Id, Existing: false, Note: null);
            }
        }
        finally
        {
            _startLock.Release();
        }

        _ = run.Drive();
        return new ExecutionStart(run.Id, Existing: false, Note: null);
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
        var hourAgo = now - TimeSpan.FromHours(1);
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
