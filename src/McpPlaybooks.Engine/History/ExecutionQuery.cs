using McpPlaybooks.Engine.Execution;

namespace McpPlaybooks.Engine.History;

/// <summary>A filter over executions, newest first.</summary>
public sealed record ExecutionQuery
{
    public string? PlaybookId { get; init; }

    /// <summary>Only executions started by this identity (exact, ignoring case).</summary>
    public string? StartedBy { get; init; }

    /// <summary>Only the child executions of this execution (those its <c>playbook</c> steps started).</summary>
    public string? ParentExecutionId { get; init; }

    /// <summary>Only executions whose id, playbook or starter contains this text (ignoring case).</summary>
    public string? Text { get; init; }

    /// <summary>Only these statuses; empty means any.</summary>
    public IReadOnlyList<ExecutionStatus> Statuses { get; init; } = [];

    /// <summary>Only executions that have not ended.</summary>
    public bool ActiveOnly { get; init; }

    public int Limit { get; init; } = 50;

    /// <summary>Executions created before this cursor (an opaque string from a previous page); null for the first page.</summary>
    public string? Cursor { get; init; }
}
