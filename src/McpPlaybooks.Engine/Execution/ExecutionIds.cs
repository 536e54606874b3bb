namespace McpPlaybooks.Engine.Execution;

/// <summary>Execution ids: <c>ex-</c> and a version-7 GUID, so they sort by creation time.</summary>
internal static class ExecutionIds
{
    public static string New(TimeProvider time) => "ex-" + Guid.CreateVersion7(time.GetUtcNow()).ToString("n");
}
