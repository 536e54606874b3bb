using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution.Approvals;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>approval_decisions</c>, read by position and written by name.</summary>
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

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ApprovalDecisionRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        ExecutionId = reader.GetString(1),
        StepId = reader.GetString(2),
        Approver = reader.GetString(3),
        Channel = reader.NullableString(4),
        Person = reader.NullableString(5),
        Claimed = reader.NullableString(6),
        Approved = reader.GetInt64(7),
        Comment = reader.NullableString(8),
        At = reader.GetInt64(9),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<ApprovalDecisionRow, object?>> Parameters = new Dictionary<string, Func<ApprovalDecisionRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(StepId)] = row => row.StepId,
        [nameof(Approver)] = row => row.Approver,
        [nameof(Channel)] = row => row.Channel,
        [nameof(Person)] = row => row.Person,
        [nameof(Claimed)] = row => row.Claimed,
        [nameof(Approved)] = row => row.Approved,
        [nameof(Comment)] = row => row.Comment,
        [nameof(At)] = row => row.At,
    };

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
