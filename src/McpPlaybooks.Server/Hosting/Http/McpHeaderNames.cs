namespace McpPlaybooks.Server.Hosting.Http;

/// <summary>The HTTP headers of the MCP Streamable HTTP transport (the SDK keeps its own list internal).</summary>
internal static class McpHeaderNames
{
    public const string SessionId = "Mcp-Session-Id";

    public const string ProtocolVersion = "MCP-Protocol-Version";

    public const string LastEventId = "Last-Event-ID";
}
