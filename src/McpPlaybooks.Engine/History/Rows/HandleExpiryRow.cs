using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameter of the statement that forgets expired handles.</summary>
internal sealed class HandleExpiryRow
{
    public long Now { get; init; }

    /// <summary>The row's values by name, for the <c>@Name</c> parameters of its statements (see <see cref="CachedStatement{TRow}"/>).</summary>
    public static readonly IReadOnlyDictionary<string, Func<HandleExpiryRow, object?>> Parameters = new Dictionary<string, Func<HandleExpiryRow, object?>>(StringComparer.Ordinal)
    {
        [nameof(Now)] = row => row.Now,
    };

    public static HandleExpiryRow From(HistoryWrite.ForgetExpiredHandles write) => new() { Now = StoredValues.Time(write.Now) };
}
