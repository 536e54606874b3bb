using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>execution_handles</c>, as Dapper reads and writes it.</summary>
internal sealed class ExecutionHandleRow
{
    public const string Columns =
        "id AS Id, execution_id AS ExecutionId, holder AS Holder, origin AS Origin, created_at AS CreatedAt, ttl_ms AS TtlMs, poll_ms AS PollMs";

    public string Id { get; init; } = "";

    public string ExecutionId { get; init; } = "";

    public string? Holder { get; init; }

    public string Origin { get; init; } = "";

    public long CreatedAt { get; init; }

    public long? TtlMs { get; init; }

    public long PollMs { get; init; }

    public static ExecutionHandleRow From(ExecutionHandleRecord record) => new()
    {
        Id = record.Id,
        ExecutionId = record.ExecutionId,
        Holder = record.Holder,
        Origin = record.Origin,
        CreatedAt = StoredValues.Time(record.CreatedAt),
        TtlMs = record.Ttl is { } ttl ? (long)ttl.TotalMilliseconds : null,
        PollMs = (long)record.PollInterval.TotalMilliseconds,
    };

    public ExecutionHandleRecord ToRecord() => new()
    {
        Id = Id,
        ExecutionId = ExecutionId,
        Holder = Holder,
        Origin = Origin,
        CreatedAt = StoredValues.Time(CreatedAt),
        Ttl = TtlMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
        PollInterval = TimeSpan.FromMilliseconds(PollMs),
    };
}
