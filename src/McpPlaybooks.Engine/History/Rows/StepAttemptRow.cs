using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.Definitions;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>step_attempts</c>, read by position and written by name. A null iteration is stored as -1 so the unique key holds.</summary>
internal sealed class StepAttemptRow
{
    public const string Columns = ColumnsBefore + "output_json AS OutputJson" + ColumnsAfter;

    /// <summary>As <see cref="Columns"/>, with the output read as null: for readers that never show it (counts, times, statuses).</summary>
    public const string ColumnsWithoutOutput = ColumnsBefore + "NULL AS OutputJson" + ColumnsAfter;

    private const string ColumnsBefore =
        "execution_id AS ExecutionId, step_id AS StepId, kind AS Kind, iteration AS Iteration, attempt AS Attempt, "
        + "action AS Action, target AS Target, status AS Status, error_category AS ErrorCategory, error_message AS ErrorMessage, "
        + "started_at AS StartedAt, ended_at AS EndedAt, duration_ms AS DurationMs, ";

    private const string ColumnsAfter = ", process_id AS ProcessId, process_started AS ProcessStarted, timeout_ms AS TimeoutMs, refused_by_breaker AS RefusedByBreaker";

    private const long NoIteration = -1;

    public string ExecutionId { get; init; } = "";

    public string StepId { get; init; } = "";

    public string Kind { get; init; } = "";

    public long Iteration { get; init; }

    public long Attempt { get; init; }

    public string Action { get; init; } = "";

    public string? Target { get; init; }

    public string Status { get; init; } = "";

    public string? ErrorCategory { get; init; }

    public string? ErrorMessage { get; init; }

    public long StartedAt { get; init; }

    public long? EndedAt { get; init; }

    public double? DurationMs { get; init; }

    public string? OutputJson { get; init; }

    public long? ProcessId { get; init; }

    public long? ProcessStarted { get; init; }

    /// <summary>The limit that stopped the attempt in milliseconds (its timeout, or its step's step_timeout), when the engine's own limit did.</summary>
    public long? TimeoutMs { get; init; }

    /// <summary>1 when an open circuit breaker refused the attempt's call, else 0.</summary>
    public long RefusedByBreaker { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static StepAttemptRow Read(DbDataReader reader) => new()
    {
        ExecutionId = reader.GetString(0),
        StepId = reader.GetString(1),
        Kind = reader.GetString(2),
        Iteration = reader.GetInt64(3),
        Attempt = reader.GetInt64(4),
        Action = reader.GetString(5),
        Target = reader.NullableString(6),
        Status = reader.GetString(7),
        ErrorCategory = reader.NullableString(8),
        ErrorMessage = reader.NullableString(9),
        StartedAt = reader.GetInt64(10),
        EndedAt = reader.NullableInt64(11),
        DurationMs = reader.NullableDouble(12),
        OutputJson = reader.NullableString(13),
        ProcessId = reader.NullableInt64(14),
        ProcessStarted = reader.NullableInt64(15),
        TimeoutMs = reader.NullableInt64(16),
        RefusedByBreaker = reader.GetInt64(17),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<StepAttemptRow, object?>> Parameters = new Dictionary<string, Func<StepAttemptRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(StepId)] = row => row.StepId,
        [nameof(Kind)] = row => row.Kind,
        [nameof(Iteration)] = row => row.Iteration,
        [nameof(Attempt)] = row => row.Attempt,
        [nameof(Action)] = row => row.Action,
        [nameof(Target)] = row => row.Target,
        [nameof(Status)] = row => row.Status,
        [nameof(ErrorCategory)] = row => row.ErrorCategory,
        [nameof(ErrorMessage)] = row => row.ErrorMessage,
        [nameof(StartedAt)] = row => row.StartedAt,
        [nameof(EndedAt)] = row => row.EndedAt,
        [nameof(DurationMs)] = row => row.DurationMs,
        [nameof(OutputJson)] = row => row.OutputJson,
        [nameof(ProcessId)] = row => row.ProcessId,
        [nameof(ProcessStarted)] = row => row.ProcessStarted,
        [nameof(TimeoutMs)] = row => row.TimeoutMs,
        [nameof(RefusedByBreaker)] = row => row.RefusedByBreaker,
    };

    public static StepAttemptRow From(StepAttemptRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        StepId = record.StepId,
        Kind = StoredValues.Name(record.Kind),
        Iteration = record.Iteration ?? NoIteration,
        Attempt = record.Attempt,
        Action = record.Action,
        Target = record.Target,
        Status = StoredValues.Name(record.Status),
        ErrorCategory = StoredValues.Name(record.ErrorCategory),
        ErrorMessage = record.ErrorMessage,
        StartedAt = StoredValues.Time(record.StartedAt),
        EndedAt = StoredValues.Time(record.EndedAt),
        DurationMs = record.DurationMs,
        OutputJson = record.OutputJson,
        ProcessId = record.ProcessId,
        ProcessStarted = record.ProcessStarted,
        TimeoutMs = record.StoppedByTimeout is { } limit ? (long)limit.TotalMilliseconds : null,
        RefusedByBreaker = record.RefusedByBreaker ? 1 : 0,
    };

    public StepAttemptRecord ToRecord() => new()
    {
        ExecutionId = ExecutionId,
        StepId = StepId,
        Kind = StoredValues.Parse<AttemptKind>(Kind, "step_attempts.kind"),
        Iteration = Iteration == NoIteration ? null : checked((int)Iteration),
        Attempt = checked((int)Attempt),
        Action = Action,
        Target = Target,
        Status = StoredValues.Parse<StepStatus>(Status, "step_attempts.status"),
        ErrorCategory = StoredValues.ParseOptional<ErrorCategory>(ErrorCategory, "step_attempts.error_category"),
        ErrorMessage = ErrorMessage,
        StartedAt = StoredValues.Time(StartedAt),
        EndedAt = StoredValues.Time(EndedAt),
        OutputJson = OutputJson,
        ProcessId = ProcessId is { } pid ? checked((int)pid) : null,
        ProcessStarted = ProcessStarted,
        StoppedByTimeout = TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        RefusedByBreaker = RefusedByBreaker != 0,
    };
}
