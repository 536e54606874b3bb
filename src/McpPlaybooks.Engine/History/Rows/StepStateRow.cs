using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>step_states</c>, read by position and written by name.</summary>
internal sealed class StepStateRow
{
    public const string Columns =
        "execution_id AS ExecutionId, step_id AS StepId, position AS Position, status AS Status, attempts AS Attempts, "
        + "started_at AS StartedAt, ended_at AS EndedAt, output_json AS OutputJson, error_category AS ErrorCategory, "
        + "error_message AS ErrorMessage, plan_json AS PlanJson, blocked AS Blocked";

    public string ExecutionId { get; init; } = "";

    public string StepId { get; init; } = "";

    public long Position { get; init; }

    public string Status { get; init; } = "";

    public long Attempts { get; init; }

    public long? StartedAt { get; init; }

    public long? EndedAt { get; init; }

    public string? OutputJson { get; init; }

    public string? ErrorCategory { get; init; }

    public string? ErrorMessage { get; init; }

    public string? PlanJson { get; init; }

    public long Blocked { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static StepStateRow Read(DbDataReader reader) => new()
    {
        ExecutionId = reader.GetString(0),
        StepId = reader.GetString(1),
        Position = reader.GetInt64(2),
        Status = reader.GetString(3),
        Attempts = reader.GetInt64(4),
        StartedAt = reader.NullableInt64(5),
        EndedAt = reader.NullableInt64(6),
        OutputJson = reader.NullableString(7),
        ErrorCategory = reader.NullableString(8),
        ErrorMessage = reader.NullableString(9),
        PlanJson = reader.NullableString(10),
        Blocked = reader.GetInt64(11),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<StepStateRow, object?>> Parameters = new Dictionary<string, Func<StepStateRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(StepId)] = row => row.StepId,
        [nameof(Position)] = row => row.Position,
        [nameof(Status)] = row => row.Status,
        [nameof(Attempts)] = row => row.Attempts,
        [nameof(StartedAt)] = row => row.StartedAt,
        [nameof(EndedAt)] = row => row.EndedAt,
        [nameof(OutputJson)] = row => row.OutputJson,
        [nameof(ErrorCategory)] = row => row.ErrorCategory,
        [nameof(ErrorMessage)] = row => row.ErrorMessage,
        [nameof(PlanJson)] = row => row.PlanJson,
        [nameof(Blocked)] = row => row.Blocked,
    };

    public static StepStateRow From(StepStateRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        StepId = record.StepId,
        Position = record.Position,
        Status = StoredValues.Name(record.Status),
        Attempts = record.Attempts,
        StartedAt = StoredValues.Time(record.StartedAt),
        EndedAt = StoredValues.Time(record.EndedAt),
        OutputJson = record.OutputJson,
        ErrorCategory = StoredValues.Name(record.ErrorCategory),
        ErrorMessage = record.ErrorMessage,
        PlanJson = record.PlanJson,
        Blocked = record.Blocked ? 1 : 0,
    };

    public StepStateRecord ToRecord() => new()
    {
        ExecutionId = ExecutionId,
        StepId = StepId,
        Position = checked((int)Position),
        Status = StoredValues.Parse<StepStatus>(Status, "step_states.status"),
        Attempts = checked((int)Attempts),
        StartedAt = StoredValues.Time(StartedAt),
        EndedAt = StoredValues.Time(EndedAt),
        OutputJson = OutputJson,
        ErrorCategory = StoredValues.ParseOptional<ErrorCategory>(ErrorCategory, "step_states.error_category"),
        ErrorMessage = ErrorMessage,
        PlanJson = PlanJson,
        Blocked = Blocked != 0,
    };
}
