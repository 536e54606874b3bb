using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.Execution.Guardrails;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Starts;

namespace McpPlaybooks.Engine.Execution.Hosting;

/// <summary>
/// What a start checks in history before it is recorded: its idempotency key, an identical active run, the playbook's
/// guardrails (<c>dry_run_first</c>, <c>max_concurrent</c>, <c>max_executions_per_hour</c>); and what they found, as the
/// <see cref="StartClaim"/> that the transaction recording the start checks again.
/// </summary>
internal sealed class StartChecks(HistoryStore history)
{
    /// <summary>
    /// The checks of a start, on what history holds now: the execution an idempotency key or an identical active run already
    /// started (to return), null when this one may start; a refusal (a key used for another request, a guardrail) throws.
    /// </summary>
    public async Task<ExecutionStart?> CheckAsync(ExecutionRequest request, ExecutionRecord record, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (request.IdempotencyKey is { } key && await history.FindExecutionByIdempotencyKeyAsync(key, cancellationToken).ConfigureAwait(false) is { } keyed)
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
            && await history.FindActiveDuplicateAsync(playbook.Id, record.PlaybookSha256, record.InputsJson, record.IncidentJson, record.SecretInputsHmac, cancellationToken).ConfigureAwait(false) is { } active)
        {
            return new ExecutionStart(active.Id, Existing: true,
                $"an identical execution (same playbook version, inputs and incident) is already {EnumNames.ToName(active.Status)}: {active.Id}; this is that one. Pass an idempotency_key of your own to start another deliberately.",
                Duplicate: true);
        }

        await CheckGuardrailsAsync(playbook, record.PlaybookSha256, record.InputsJson, now, cancellationToken).ConfigureAwait(false);
        return null;
    }

    /// <summary>A real start of a caller's own, without a key: a caller's key says "this start, deliberately", a child's is its parent step's.</summary>
    private static bool ChecksIdenticalRuns(ExecutionRequest request) =>
        !request.DryRun && request.ParentExecutionId is null && request.IdempotencyKey is null;

    /// <summary>What <see cref="CheckAsync"/> found at <paramref name="now"/>, for the transaction that records the start to check again.</summary>
    public static StartClaim Claim(ExecutionRequest request, ExecutionRecord record, DateTimeOffset now) => new(request.Playbook.Id)
    {
        IdempotencyKey = request.IdempotencyKey,
        Identical = ChecksIdenticalRuns(request) ? new IdenticalRun(record.PlaybookSha256, record.InputsJson, record.IncidentJson, record.SecretInputsHmac) : null,
        MaxConcurrent = request.DryRun ? null : request.Playbook.Safety.MaxConcurrent,
        MaxPerHour = request.DryRun ? null : request.Playbook.Safety.MaxExecutionsPerHour,
        Since = now - Guardrails.Guardrails.Window,
    };

    private async Task CheckGuardrailsAsync(PlaybookDefinition playbook, string sha, string inputsJson, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var safety = playbook.Safety;
        if (!safety.DryRunFirst && safety.MaxConcurrent is null && safety.MaxExecutionsPerHour is null)
        {
            return;
        }

        var hourAgo = now - Guardrails.Guardrails.Window;
        var starts = safety.MaxExecutionsPerHour is null ? [] : await history.ListExecutionStartsAsync(playbook.Id, hourAgo, cancellationToken).ConfigureAwait(false);
        var active = safety.MaxConcurrent is null ? [] : await history.ListActiveExecutionsAsync(playbook.Id, cancellationToken).ConfigureAwait(false);
        var dryRun = safety.DryRunFirst ? await history.FindDryRunAsync(playbook.Id, sha, inputsJson, hourAgo, cancellationToken).ConfigureAwait(false) : null;
        var facts = new GuardrailFacts(starts, [.. active.Select(a => a.Id)], dryRun?.CreatedAt);
        if (Guardrails.Guardrails.Check(playbook.Id, safety, facts, now) is { } refusal)
        {
            throw new ExecutionRefusedException(RefusalKind.Guardrail, refusal.Message) { Rule = refusal.Rule, RetryAt = refusal.RetryAt };
        }
    }
}
