using ModelContextProtocol;

namespace McpPlaybooks.Server.Mcp.Resources;

/// <summary>
/// The protocol error for a resource that does not exist: -32002 (resource not found) under the protocol we pin, the
/// JSON-RPC invalid-params code under 2026-07-28 and later (as the SDK does for URIs it cannot route).
/// </summary>
internal static class ResourceErrors
{
    private const string FirstInvalidParamsVersion = "2026-07-28";

    public static McpProtocolException NotFound(string? protocolVersion, string message) =>
        new(message, protocolVersion is not null && string.CompareOrdinal(protocolVersion, FirstInvalidParamsVersion) >= 0
            ? McpErrorCode.InvalidParams
            : McpErrorCode.ResourceNotFound);

    /// <summary>"a, b, c" or "a, b, c and 7 more" for a list that may be long.</summary>
    public static string Some(IReadOnlyCollection<string> names, int shown = 20) =>
        names.Count == 0 ? "(none)"
        : names.Count <= shown ? string.Join(", ", names)
        : $"{string.Join(", ", names.Take(shown))} and {names.Count - shown} more";
}
