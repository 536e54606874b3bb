using ModelContextProtocol.Protocol;

namespace McpPlaybooks.Server.Mcp.Tasks;

/// <summary>
/// The tasks extension of protocol 2026-07-28 (<c>io.modelcontextprotocol/tasks</c>: tasks/get, tasks/update,
/// tasks/cancel). A request opts in by declaring the extension in its client capabilities; the server then answers a
/// task tool that would wait with a task instead of holding the call.
/// </summary>
internal static class TaskExtension
{
    public const string Id = "io.modelcontextprotocol/tasks";

    public const string Update = "tasks/update";

    /// <summary>The first protocol version with the extension (versions are dates: they compare as text).</summary>
    public const string FirstVersion = "2026-07-28";

    /// <summary>Whether the request was made under 2026-07-28 or later (else the 2025-11-25 tasks apply).</summary>
    public static bool IsModern(JsonRpcRequest request) =>
        request?.Context?.ProtocolVersion is { } version && string.CompareOrdinal(version, FirstVersion) >= 0;

    /// <summary>Whether a 2026-07-28 request declared the extension (per request: nothing is inferred from earlier ones).</summary>
    public static bool OptedIn(JsonRpcRequest request) =>
        request?.Context?.ClientCapabilities?.Extensions?.ContainsKey(Id) is true;
}
