namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>One argument of a prompt, as its file's front matter declares it.</summary>
internal sealed record PromptArgumentSpec(string Name, string Description, bool Required);
