using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>logs</c>, read by position and written by name.</summary>
internal sealed class LogRow
{
    public const string Columns =
        "id AS Id, execution_id AS ExecutionId, step_id AS StepId, level AS Level, message AS Message, at AS At";

    public long Id { get; init; }

    public string ExecutionId { get; init; } = "";

    public string? StepId { get; init; }

    public string Level { get; init; } = "";

    public string Message { get; init; } = "";

    public long At { get; init; }

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static LogRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        ExecutionId = reader.GetString(1),
        StepId = reader.NullableString(2),
        Level = reader.GetString(3),
        Message = reader.GetString(4),
        At = reader.GetInt64(5),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<LogRow, object?>> Parameters = new Dictionary<string, Func<LogRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(StepId)] = row => row.StepId,
        [nameof(Level)] = row => row.Level,
        [nameof(Message)] = row => row.Message,
        [nameof(At)] = row => row.At,
    };

    public static LogRow From(ExecutionLogRecord record) => new()
    {
        ExecutionId = record.ExecutionId,
        StepId = record.StepId,
        Level = StoredValues.Name(record.Level),
        Message = record.Message,
        At = StoredValues.Time(record.At),
    };

    public ExecutionLogRecord ToRecord() => new()
    {
        Id = Id,
        ExecutionId = ExecutionId,
        StepId = StepId,
        Level = StoredValues.Parse<ExecutionLogLevel>(Level, "logs.level"),
        Message = Message,
        At = StoredValues.Time(At),
    };
}
