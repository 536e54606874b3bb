using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>approval_decisions</c>, as Dapper reads and writes it.</summary>
internal sealed class ApprovalDecisionRow
{
    public const string Columns =
        "id AS Id, execution_id AS ExecutionId, step_id AS StepId, approver AS Approver, channel AS Channel, person AS Person, claimed AS Claimed, approved AS Approved, comment AS Comment, at AS At";

    public long Id { get; init; }

    public string ExecutionId { get; init; } = "";

    public string StepId { get; init; } = "";

    public string Approver { get; init; } = "";

    public string? Channel { get; init; }

    public string? Person { get; init; }

    public string? Claimed { get; init; }

    public long Approved { get; init; }

    public string? Comment { get; init; }

    public long At { get; init; }

    public static ApprovalDecisionRow From(ApprovalDecisionRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        StepId = record.StepId,
        Approver = record.Approver,
        Channel = record.Channel == ApprovalChannel.Unrecorded ? null : EnumNames.ToName(record.Channel),
        Person = record.Person,
        Claimed = record.Claimed,
        Approved = record.Approved ? 1 : 0,
        Comment = record.Comment,
        At = StoredValues.Time(record.At),
    };

    public ApprovalDecisionRecord ToRecord() => new()
    {
        Id = Id,
        ExecutionId = ExecutionId,
        StepId = StepId,
        Approver = Approver,
        Channel = Channel is not null && EnumNames.TryParse<ApprovalChannel>(Channel, out var channel) ? channel : ApprovalChannel.Unrecorded,
        Person = Person,
        Claimed = Claimed,
        Approved = Approved != 0,
        Comment = Comment,
        At = StoredValues.Time(At),
    };
}
