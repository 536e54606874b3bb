namespace McpPlaybooks.Server.Mcp.Prompts;

/// <summary>A prompt with the values of its arguments, checked by <see cref="PromptLibrary.Bind"/>.</summary>
internal sealed record PromptCall(PromptDefinition Prompt, IReadOnlyDictionary<string, string> Values);
