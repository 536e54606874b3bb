using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>executions</c>, read by position and written by name.</summary>
internal sealed class ExecutionRow
{
    public const string Columns =
        "id AS Id, playbook_id AS PlaybookId, playbook_version AS PlaybookVersion, playbook_sha256 AS PlaybookSha256, "
        + "status AS Status, dry_run AS DryRun, inputs_json AS InputsJson, incident_json AS IncidentJson, started_by AS StartedBy, "
        + "idempotency_key AS IdempotencyKey, parent_execution_id AS ParentExecutionId, replay_of AS ReplayOf, "
        + "created_at AS CreatedAt, started_at AS StartedAt, ended_at AS EndedAt, error_category AS ErrorCategory, "
        + "error_message AS ErrorMessage, outputs_json AS OutputsJson, owner_id AS OwnerId, lease_expires_at AS LeaseExpiresAt, "
        + "updated_at AS UpdatedAt, depth AS Depth, active_ms AS ActiveMs, running_since AS RunningSince, "
        + "lease_epoch AS LeaseEpoch, previous_owner_id AS PreviousOwnerId, secret_inputs_hmac AS SecretInputsHmac";

    public string Id { get; init; } = "";

    public string PlaybookId { get; init; } = "";

    public string PlaybookVersion { get; init; } = "";

    public string PlaybookSha256 { get; init; } = "";

    public string Status { get; init; } = "";

    public long DryRun { get; init; }

    public string InputsJson { get; init; } = "{}";

    public string? IncidentJson { get; init; }

    public string StartedBy { get; init; } = "";

    public string? IdempotencyKey { get; init; }

    public string? ParentExecutionId { get; init; }

    public string? ReplayOf { get; init; }

    public long CreatedAt { get; init; }

    public long? StartedAt { get; init; }

    public long? EndedAt { get; init; }

    public string? ErrorCategory { get; init; }

    public string? ErrorMessage { get; init; }

    public string? OutputsJson { get; init; }

    public string? OwnerId { get; init; }

    public long? LeaseExpiresAt { get; init; }

    public long UpdatedAt { get; init; }

    public long Depth { get; init; }

    public long ActiveMs { get; init; }

    public long? RunningSince { get; init; }

    public long LeaseEpoch { get; init; }

    public string? PreviousOwnerId { get; init; }

    public string? SecretInputsHmac { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ExecutionRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        PlaybookId = reader.GetString(1),
        PlaybookVersion = reader.GetString(2),
        PlaybookSha256 = reader.GetString(3),
        Status = reader.GetString(4),
        DryRun = reader.GetInt64(5),
        InputsJson = reader.GetString(6),
        IncidentJson = reader.NullableString(7),
        StartedBy = reader.GetString(8),
        IdempotencyKey = reader.NullableString(9),
        ParentExecutionId = reader.NullableString(10),
        ReplayOf = reader.NullableString(11),
        CreatedAt = reader.GetInt64(12),
        StartedAt = reader.NullableInt64(13),
        EndedAt = reader.NullableInt64(14),
        ErrorCategory = reader.NullableString(15),
        ErrorMessage = reader.NullableString(16),
        OutputsJson = reader.NullableString(17),
        OwnerId = reader.NullableString(18),
        LeaseExpiresAt = reader.NullableInt64(19),
        UpdatedAt = reader.GetInt64(20),
        Depth = reader.GetInt64(21),
        ActiveMs = reader.GetInt64(22),
        RunningSince = reader.NullableInt64(23),
        LeaseEpoch = reader.GetInt64(24),
        PreviousOwnerId = reader.NullableString(25),
        SecretInputsHmac = reader.NullableString(26),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<ExecutionRow, object?>> Parameters = new Dictionary<string, Func<ExecutionRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(PlaybookId)] = row => row.PlaybookId,
        [nameof(PlaybookVersion)] = row => row.PlaybookVersion,
        [nameof(PlaybookSha256)] = row => row.PlaybookSha256,
        [nameof(Status)] = row => row.Status,
        [nameof(DryRun)] = row => row.DryRun,
        [nameof(InputsJson)] = row => row.InputsJson,
        [nameof(IncidentJson)] = row => row.IncidentJson,
        [nameof(StartedBy)] = row => row.StartedBy,
        [nameof(IdempotencyKey)] = row => row.IdempotencyKey,
        [nameof(ParentExecutionId)] = row => row.ParentExecutionId,
        [nameof(ReplayOf)] = row => row.ReplayOf,
        [nameof(CreatedAt)] = row => row.CreatedAt,
        [nameof(StartedAt)] = row => row.StartedAt,
        [nameof(EndedAt)] = row => row.EndedAt,
        [nameof(ErrorCategory)] = row => row.ErrorCategory,
        [nameof(ErrorMessage)] = row => row.ErrorMessage,
        [nameof(OutputsJson)] = row => row.OutputsJson,
        [nameof(OwnerId)] = row => row.OwnerId,
        [nameof(LeaseExpiresAt)] = row => row.LeaseExpiresAt,
        [nameof(UpdatedAt)] = row => row.UpdatedAt,
        [nameof(Depth)] = row => row.Depth,
        [nameof(ActiveMs)] = row => row.ActiveMs,
        [nameof(RunningSince)] = row => row.RunningSince,
        [nameof(SecretInputsHmac)] = row => row.SecretInputsHmac,
    };

    public static ExecutionRow From(ExecutionRecord record) => new()
    {
        Id = record.Id,
        PlaybookId = record.PlaybookId,
        PlaybookVersion = record.PlaybookVersion,
        PlaybookSha256 = record.PlaybookSha256,
        Status = StoredValues.Name(record.Status),
        DryRun = record.DryRun ? 1 : 0,
        InputsJson = record.InputsJson,
        IncidentJson = record.IncidentJson,
        StartedBy = record.StartedBy,
        IdempotencyKey = record.IdempotencyKey,
        ParentExecutionId = record.ParentExecutionId,
        ReplayOf = record.ReplayOf,
        CreatedAt = StoredValues.Time(record.CreatedAt),
        StartedAt = StoredValues.Time(record.StartedAt),
        EndedAt = StoredValues.Time(record.EndedAt),
        ErrorCategory = StoredValues.Name(record.ErrorCategory),
        ErrorMessage = record.ErrorMessage,
        OutputsJson = record.OutputsJson,
        OwnerId = record.OwnerId,
        LeaseExpiresAt = StoredValues.Time(record.LeaseExpiresAt),
        UpdatedAt = StoredValues.Time(record.UpdatedAt),
        Depth = record.Depth,
        ActiveMs = record.ActiveMs,
        RunningSince = StoredValues.Time(record.RunningSince),
        SecretInputsHmac = record.SecretInputsHmac,
    };

    public ExecutionRecord ToRecord() => new()
    {
        Id = Id,
        PlaybookId = PlaybookId,
        PlaybookVersion = PlaybookVersion,
        PlaybookSha256 = PlaybookSha256,
        Status = StoredValues.Parse<ExecutionStatus>(Status, "executions.status"),
        DryRun = DryRun != 0,
        InputsJson = InputsJson,
        IncidentJson = IncidentJson,
        StartedBy = StartedBy,
        IdempotencyKey = IdempotencyKey,
        ParentExecutionId = ParentExecutionId,
        ReplayOf = ReplayOf,
        CreatedAt = StoredValues.Time(CreatedAt),
        StartedAt = StoredValues.Time(StartedAt),
        EndedAt = StoredValues.Time(EndedAt),
        ErrorCategory = StoredValues.ParseOptional<ErrorCategory>(ErrorCategory, "executions.error_category"),
        ErrorMessage = ErrorMessage,
        OutputsJson = OutputsJson,
        OwnerId = OwnerId,
        LeaseExpiresAt = StoredValues.Time(LeaseExpiresAt),
        UpdatedAt = StoredValues.Time(UpdatedAt),
        Depth = (int)Depth,
        ActiveMs = ActiveMs,
        RunningSince = StoredValues.Time(RunningSince),
        LeaseEpoch = LeaseEpoch,
        PreviousOwnerId = PreviousOwnerId,
        SecretInputsHmac = SecretInputsHmac,
    };
}
