namespace McpPlaybooks.Server.Dashboard;

/// <summary>How many failed attempts had one error category (<c>timeout</c>, <c>transient</c>...).</summary>
internal sealed record CategoryView(string Category, int Count);
