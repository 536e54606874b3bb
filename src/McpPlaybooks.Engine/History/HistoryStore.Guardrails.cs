using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History;

/// <summary>The facts the guardrails decide on: rate, concurrency, a recent dry run, a duplicate run.</summary>
public sealed partial class HistoryStore
{
    /// <summary>When the real (not dry-run) executions of the playbook created at or after <paramref name="since"/> were created, oldest first.</summary>
    public Task<IReadOnlyList<DateTimeOffset>> ListExecutionStartsAsync(string playbookId, DateTimeOffset since, CancellationToken cancellationToken) =>
        Read().ListExecutionStartsAsync(playbookId, since, cancellationToken);

    /// <summary>The real executions of the playbook that have not ended (pending, running, paused, waiting for approval, rolling back), oldest first.</summary>
    public Task<IReadOnlyList<ExecutionRecord>> ListActiveExecutionsAsync(string playbookId, CancellationToken cancellationToken) =>
        Read().ListActiveExecutionsAsync(playbookId, cancellationToken);

    /// <summary>
    /// The newest completed dry run of the playbook with this content hash and exactly this inputs JSON (compared as text),
    /// created at or after <paramref name="since"/>; null when none.
    /// </summary>
    public Task<ExecutionRecord?> FindDryRunAsync(string playbookId, string sha256, string inputsJson, DateTimeOffset since, CancellationToken cancellationToken) =>
        Read().FindDryRunAsync(playbookId, sha256, inputsJson, since, cancellationToken);

    /// <summary>
    /// The newest real execution of the playbook that has not ended, with this content hash, inputs JSON, incident JSON and
    /// digest of its secret inputs (<see cref="ExecutionRecord.SecretInputsHmac"/>; compared as text; a null incident or digest
    /// matches only a null one); null when none.
    /// </summary>
    public Task<ExecutionRecord?> FindActiveDuplicateAsync(string playbookId, string sha256, string inputsJson, string? incidentJson, string? secretInputsHmac, CancellationToken cancellationToken) =>
        Read().FindActiveDuplicateAsync(playbookId, sha256, inputsJson, incidentJson, secretInputsHmac, cancellationToken);
}
