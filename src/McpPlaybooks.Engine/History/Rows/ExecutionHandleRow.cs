using McpPlaybooks.Engine.Memory;
using System.Data.Common;
using McpPlaybooks.Engine.History.Records;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>A row of <c>execution_handles</c>, read by position and written by name.</summary>
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

    /// <summary>Reads a row selected with <see cref="Columns"/>, by position.</summary>
    public static ExecutionHandleRow Read(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        ExecutionId = reader.GetString(1),
        Holder = reader.NullableString(2),
        Origin = reader.GetString(3),
        CreatedAt = reader.GetInt64(4),
        TtlMs = reader.NullableInt64(5),
        PollMs = reader.GetInt64(6),
    };

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<ExecutionHandleRow, object?>> Parameters = new Dictionary<string, Func<ExecutionHandleRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Id)] = row => row.Id,
        [nameof(ExecutionId)] = row => row.ExecutionId,
        [nameof(Holder)] = row => row.Holder,
        [nameof(Origin)] = row => row.Origin,
        [nameof(CreatedAt)] = row => row.CreatedAt,
        [nameof(TtlMs)] = row => row.TtlMs,
        [nameof(PollMs)] = row => row.PollMs,
    };

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
