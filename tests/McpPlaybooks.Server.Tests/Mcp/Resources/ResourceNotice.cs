namespace McpPlaybooks.Server.Tests.Mcp.Resources;

/// <summary>One resource notification a test client received: its method and, for an update, the URI.</summary>
internal sealed record ResourceNotice(string Method, string? Uri);
