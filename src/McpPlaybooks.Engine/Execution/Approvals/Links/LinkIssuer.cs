using McpPlaybooks.Engine.Execution.Control;
using McpPlaybooks.Engine.History;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.Execution.Approvals.Links;

/// <summary>
/// Issues a link on a history alone (the command line issues links without opening the engine, which would take executions
/// over): the gate must be waiting; the token is returned once and only its hash is recorded.
/// </summary>
public static class LinkIssuer
{
    public static async Task<IssuedLink> IssueAsync(
        HistoryStore history, DateTimeOffset now, string executionId, string stepId, LinkHolder? holder, string issuedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentException.ThrowIfNullOrWhiteSpace(executionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(stepId);
        ArgumentException.ThrowIfNullOrWhiteSpace(issuedBy);
        var gates = await history.GetApprovalsAsync(executionId, cancellationToken).ConfigureAwait(false);
        var waiting = gates.Where(g => g.Status == ApprovalStatus.Pending).ToList();
        var gate = waiting.FirstOrDefault(g => g.StepId == stepId)
            ?? throw new ExecutionRefusedException(RefusalKind.NoPendingGate,
                $"execution {executionId} has no gate waiting at '{stepId}', so no approval link can be issued for it"
                + (waiting.Count > 0 ? $"; it waits at {string.Join(", ", waiting.Select(g => g.StepId))}." : "."));
        var token = LinkTokens.New();
        await history.ApprovalLinks.SaveAsync(new ApprovalLinkRecord
        {
            TokenSha256 = LinkTokens.Hash(token),
            ExecutionId = executionId,
            StepId = stepId,
            GateOpenedAt = gate.CreatedAt,
            IssuedFor = holder?.Identity,
            Name = holder?.Name,
            Roles = holder?.Roles ?? [],
            IssuedBy = issuedBy,
            IssuedAt = now,
        }).ConfigureAwait(false);
        return new IssuedLink(token, executionId, stepId, gate.CreatedAt);
    }
}
