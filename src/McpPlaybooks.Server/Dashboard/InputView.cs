namespace McpPlaybooks.Server.Dashboard;

/// <summary>One declared input of a playbook: its name, type, whether a run must give it, and its description.</summary>
internal sealed record InputView(string Name, string Type, bool Required, bool HasDefault, string? Description);
