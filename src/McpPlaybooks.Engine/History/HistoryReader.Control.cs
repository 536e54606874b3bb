using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.History.Rows;

namespace McpPlaybooks.Engine.History;

/// <summary>The queries of gates, signals, control requests and lifecycle statuses.</summary>
internal sealed partial class HistoryReader
{
    public async Task<IReadOnlyList<ApprovalRecord>> GetApprovalsAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {ApprovalRow.Columns} FROM approvals WHERE execution_id = @executionId ORDER BY created_at, step_id",
            ApprovalRow.Read,
            cancellationToken,
            ("executionId", executionId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<ApprovalDecisionRecord>> GetDecisionsAsync(string executionId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {ApprovalDecisionRow.Columns} FROM approval_decisions WHERE execution_id = @executionId ORDER BY id",
            ApprovalDecisionRow.Read,
            cancellationToken,
            ("executionId", executionId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<ApprovalRecord>> ListPendingApprovalsAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {ApprovalRow.Columns} FROM approvals WHERE status = 'pending' ORDER BY created_at, execution_id, step_id",
            ApprovalRow.Read,
            cancellationToken);
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<SignalRecord>> GetSignalsAsync(string executionId, bool unconsumedOnly, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {SignalRow.Columns} FROM signals WHERE execution_id = @executionId"
                + (unconsumedOnly ? " AND consumed_by IS NULL" : "")
                + " ORDER BY id",
            SignalRow.Read,
            cancellationToken,
            ("executionId", executionId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<ControlRequestRecord>> GetPendingControlRequestsAsync(string ownerId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"""
            SELECT {ControlRequestRow.Columns} FROM control_requests
            WHERE handled_at IS NULL AND execution_id IN (SELECT id FROM executions WHERE owner_id = @ownerId)
            ORDER BY id
            """,
            ControlRequestRow.Read,
            cancellationToken,
            ("ownerId", ownerId));
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<ControlRequestRecord?> GetControlRequestAsync(long id, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync($"SELECT {ControlRequestRow.Columns} FROM control_requests WHERE id = @id", ControlRequestRow.Read, cancellationToken, ("id", id));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<PlaybookStatusRecord?> GetPlaybookStatusAsync(string playbookId, string version, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {PlaybookStatusRow.Columns} FROM playbook_statuses WHERE playbook_id = @playbookId AND version = @version",
            PlaybookStatusRow.Read,
            cancellationToken,
            ("playbookId", playbookId), ("version", version));
        return rows.FirstOrDefault()?.ToRecord();
    }

    public async Task<IReadOnlyList<PlaybookStatusRecord>> ListPlaybookStatusesAsync(IReadOnlyList<string> playbookIds, CancellationToken cancellationToken)
    {
        if (playbookIds.Count == 0)
        {
            return [];
        }

        List<(string Name, object? Value)> parameters = [];
        var rows = await QueryAsync(
            $"SELECT {PlaybookStatusRow.Columns} FROM playbook_statuses WHERE playbook_id IN {InList("Id", playbookIds, parameters)}",
            PlaybookStatusRow.Read,
            cancellationToken,
            [.. parameters]);
        return rows.ConvertAll(row => row.ToRecord());
    }

    public async Task<IReadOnlyList<PlaybookStatusRecord>> ListPlaybookStatusesAsync(string playbookId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            $"SELECT {PlaybookStatusRow.Columns} FROM playbook_statuses WHERE playbook_id = @playbookId ORDER BY changed_at, version",
            PlaybookStatusRow.Read,
            cancellationToken,
            ("playbookId", playbookId));
        return rows.ConvertAll(row => row.ToRecord());
    }
}
