using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Server.Dashboard;

/// <summary>One row of the executions page, as the list and the live feed send it (every text already masked by the engine).</summary>
internal sealed record ExecutionSummary
{
    public required string Id { get; init; }

    public required string PlaybookId { get; init; }

    public required string PlaybookVersion { get; init; }

    /// <summary>The status in snake case: <c>waiting_approval</c>.</summary>
    public required string Status { get; init; }

    public required string StartedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public bool DryRun { get; init; }

    public string? ParentExecutionId { get; init; }

    /// <summary>Why it failed, when it did: the category and the first part of the message.</summary>
    public string? Error { get; init; }

    /// <summary>The server running it while it is unfinished: <c>host · pid 1234</c> (<see cref="Engine.Execution.OwnerIdentity"/>); null otherwise.</summary>
    public string? Owner { get; init; }

    public static ExecutionSummary From(ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var error = record.ErrorMessage is { } message
            ? (record.ErrorCategory is { } category ? EnumNames.ToName(category) + ": " : "") + (message.Length > 200 ? message[..200] + "…" : message)
            : null;
        return new ExecutionSummary
        {
            Id = record.Id,
            PlaybookId = record.PlaybookId,
            PlaybookVersion = record.PlaybookVersion,
            Status = EnumNames.ToName(record.Status),
            StartedBy = record.StartedBy,
            CreatedAt = record.CreatedAt,
            StartedAt = record.StartedAt,
            EndedAt = record.EndedAt,
            DryRun = record.DryRun,
            ParentExecutionId = record.ParentExecutionId,
            Error = error,
            Owner = record.Status.IsFinal() || record.LeaseExpiresAt is null ? null
                : OwnerIdentity.Parse(record.OwnerId) is { } owner ? $"{owner.Host} · pid {owner.Pid}" : null,
        };
    }
}
