using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using System.Text.Json;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>approvals</c>, read by position and written by name; the approvers are a JSON array of strings.</summary>
internal sealed class ApprovalRow
{
    public const string Columns =
        "execution_id AS ExecutionId, step_id AS StepId, message AS Message, approvers_json AS ApproversJson, "
        + "min_approvals AS MinApprovals, expires_at AS ExpiresAt, on_timeout AS OnTimeout, separate_approver AS SeparateApprover, "
        + "status AS Status, created_at AS CreatedAt, resolved_at AS ResolvedAt";

    public string ExecutionId { get; init; } = "";

    public string StepId { get; init; } = "";

    public string Message { get; init; } = "";

    public string ApproversJson { get; init; } = "[]";

    public long MinApprovals { get; init; }

    public long? ExpiresAt { get; init; }

    public string OnTimeout { get; init; } = "";

    public long SeparateApprover { get; init; }

    public string Status { get; init; } = "";

    public long CreatedAt { get; init; }

    public long? ResolvedAt { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ApprovalRow Read(DbDataReader reader) => new()
    {
        ExecutionId = reader.GetString(0),
        StepId = reader.GetString(1),
        Message = reader.GetString(2),
        ApproversJson = reader.GetString(3),
        MinApprovals = reader.GetInt64(4),
        ExpiresAt = reader.NullableInt64(5),
        OnTimeout = reader.GetString(6),
        SeparateApprover = reader.GetInt64(7),
        Status = reader.GetString(8),
        CreatedAt = reader.GetInt64(9),
        ResolvedAt = reader.NullableInt64(10),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<ApprovalRow, object?>> Parameters = new Dictionary<string, Func<ApprovalRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(StepId)] = row => row.StepId,
        [nameof(Message)] = row => row.Message,
        [nameof(ApproversJson)] = row => row.ApproversJson,
        [nameof(MinApprovals)] = row => row.MinApprovals,
        [nameof(ExpiresAt)] = row => row.ExpiresAt,
        [nameof(OnTimeout)] = row => row.OnTimeout,
        [nameof(SeparateApprover)] = row => row.SeparateApprover,
        [nameof(Status)] = row => row.Status,
        [nameof(CreatedAt)] = row => row.CreatedAt,
        [nameof(ResolvedAt)] = row => row.ResolvedAt,
    };

    public static ApprovalRow From(ApprovalRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        StepId = record.StepId,
        Message = record.Message,
        ApproversJson = WriteApprovers(record.Approvers),
        MinApprovals = record.MinApprovals,
        ExpiresAt = StoredValues.Time(record.ExpiresAt),
        OnTimeout = StoredValues.Name(record.OnTimeout),
        SeparateApprover = record.SeparateApprover ? 1 : 0,
        Status = StoredValues.Name(record.Status),
        CreatedAt = StoredValues.Time(record.CreatedAt),
        ResolvedAt = StoredValues.Time(record.ResolvedAt),
    };

    public ApprovalRecord ToRecord() => new()
    {
        ExecutionId = ExecutionId,
        StepId = StepId,
        Message = Message,
        Approvers = ReadApprovers(ApproversJson),
        MinApprovals = (int)MinApprovals,
        ExpiresAt = StoredValues.Time(ExpiresAt),
        OnTimeout = StoredValues.Parse<ApprovalTimeoutDecision>(OnTimeout, "approvals.on_timeout"),
        SeparateApprover = SeparateApprover != 0,
        Status = StoredValues.Parse<ApprovalStatus>(Status, "approvals.status"),
        CreatedAt = StoredValues.Time(CreatedAt),
        ResolvedAt = StoredValues.Time(ResolvedAt),
    };

    internal static string WriteApprovers(IReadOnlyList<string> approvers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var approver in approvers)
            {
                writer.WriteStringValue(approver);
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal static string[] ReadApprovers(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Array
            ? [.. document.RootElement.EnumerateArray().Select(element => element.GetString() ?? "")]
            : throw new InvalidDataException($"The history holds '{json}' in approvals.approvers_json, which is not a JSON array.");
    }
}
