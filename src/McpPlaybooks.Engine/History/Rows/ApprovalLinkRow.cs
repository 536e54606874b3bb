using McpPlaybooks.Engine.History.Records;
using McpPlaybooks.Engine.Memory;
using System.Data.Common;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>approval_links</c>, read by position and written by name; the roles are a JSON array of strings.</summary>
internal sealed class ApprovalLinkRow
{
    public const string Columns =
        "token_sha256 AS TokenSha256, execution_id AS ExecutionId, step_id AS StepId, gate_opened_at AS GateOpenedAt, issued_for AS IssuedFor, "
        + "name AS Name, roles_json AS RolesJson, issued_by AS IssuedBy, issued_at AS IssuedAt, used_at AS UsedAt, decision AS Decision";

    public const string Insert =
        """
        INSERT INTO approval_links (token_sha256, execution_id, step_id, gate_opened_at, issued_for, name, roles_json, issued_by, issued_at)
        VALUES (@TokenSha256, @ExecutionId, @StepId, @GateOpenedAt, @IssuedFor, @Name, @RolesJson, @IssuedBy, @IssuedAt)
        """;

    public string TokenSha256 { get; init; } = "";

    public string ExecutionId { get; init; } = "";

    public string StepId { get; init; } = "";

    public long GateOpenedAt { get; init; }

    public string? IssuedFor { get; init; }

    public string? Name { get; init; }

    public string RolesJson { get; init; } = "[]";

    public string IssuedBy { get; init; } = "";

    public long IssuedAt { get; init; }

    public long? UsedAt { get; init; }

    public string? Decision { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ApprovalLinkRow Read(DbDataReader reader) => new()
    {
        TokenSha256 = reader.GetString(0),
        ExecutionId = reader.GetString(1),
        StepId = reader.GetString(2),
        GateOpenedAt = reader.GetInt64(3),
        IssuedFor = reader.NullableString(4),
        Name = reader.NullableString(5),
        RolesJson = reader.GetString(6),
        IssuedBy = reader.GetString(7),
        IssuedAt = reader.GetInt64(8),
        UsedAt = reader.NullableInt64(9),
        Decision = reader.NullableString(10),
    };

    public static ApprovalLinkRow From(ApprovalLinkRecord record) => new()
    {
        TokenSha256 = record.TokenSha256,
        ExecutionId = record.ExecutionId,
        StepId = record.StepId,
        GateOpenedAt = StoredValues.Time(record.GateOpenedAt),
        IssuedFor = record.IssuedFor,
        Name = record.Name,
        RolesJson = ApprovalRow.WriteApprovers(record.Roles),
        IssuedBy = record.IssuedBy,
        IssuedAt = StoredValues.Time(record.IssuedAt),
        UsedAt = StoredValues.Time(record.UsedAt),
        Decision = record.Decision,
    };

    public ApprovalLinkRecord ToRecord() => new()
    {
        TokenSha256 = TokenSha256,
        ExecutionId = ExecutionId,
        StepId = StepId,
        GateOpenedAt = StoredValues.Time(GateOpenedAt),
        IssuedFor = IssuedFor,
        Name = Name,
        Roles = ApprovalRow.ReadApprovers(RolesJson),
        IssuedBy = IssuedBy,
        IssuedAt = StoredValues.Time(IssuedAt),
        UsedAt = StoredValues.Time(UsedAt),
        Decision = Decision,
    };
}
