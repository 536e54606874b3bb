using McpPlaybooks.Engine.Execution;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>logs</c>, as Dapper reads and writes it.</summary>
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
