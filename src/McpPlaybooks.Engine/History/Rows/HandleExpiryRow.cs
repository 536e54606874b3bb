using McpPlaybooks.Engine.History.Writes;

namespace McpPlaybooks.Engine.History.Rows;

/// <summary>The parameter of the statement that forgets expired handles.</summary>
internal sealed class HandleExpiryRow
{
    public long Now { get; init; }

    public static HandleExpiryRow From(HistoryWrite.ForgetExpiredHandles write) => new() { Now = StoredValues.Time(write.Now) };
}
